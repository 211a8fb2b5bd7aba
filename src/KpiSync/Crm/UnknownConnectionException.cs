namespace KpiSync.Crm;

/// <summary>A command named a connection that does not exist.</summary>
public sealed class UnknownConnectionException(string name)
    : Exception($"Unknown connection '{name}'. See 'kpisync connections list'.")
{
    public string Name { get; } = name;
}

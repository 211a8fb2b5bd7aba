namespace KpiSync.Crm;

/// <summary>The connection is not active (needs re-authorization, or blocked); nothing is sent to the CRM.</summary>
public sealed class ConnectionUnavailableException(string name, string status, string? reason)
    : Exception($"Connection '{name}' is {status.Replace('_', ' ')}: {reason ?? "no reason recorded"}. " +
        (status == ConnectionStatus.Blocked ? "Resolve it with the CRM, then run 'kpisync connections resume --name " + name + "'."
            : "Run 'kpisync connections authorize --name " + name + " --code …' (or --token …)."))
{
    public string Status { get; } = status;
}

namespace KpiSync.Publishing;

/// <summary>What a push wrote: elements created, elements updated, and write requests sent.</summary>
public sealed record PushResult(int Created, int Updated, int Requests)
{
    public static PushResult Nothing { get; } = new(0, 0, 0);
}

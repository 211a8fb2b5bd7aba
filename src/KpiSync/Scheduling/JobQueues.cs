namespace KpiSync.Scheduling;

/// <summary>Hangfire's queues. Hangfire.PostgreSql fetches queues in alphabetical order, so work someone is waiting
/// for (a webhook, "Run now", a resync) goes before the schedule's ticks.</summary>
public static class JobQueues
{
    public const string Immediate = "immediate";

    public const string Scheduled = "scheduled";

    public static string[] All { get; } = [Immediate, Scheduled];
}

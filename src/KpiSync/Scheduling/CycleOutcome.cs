namespace KpiSync.Scheduling;

/// <summary>What a cycle job did; Hangfire keeps it as the job's result (shown on its details page), and
/// <see cref="JobRunRecorder"/> turns a skip into the Skipped state.</summary>
public sealed record CycleOutcome(string Connection, bool Skipped, string Summary)
{
    public static CycleOutcome Skip(string connection, string why) => new(connection, true, why);

    public static CycleOutcome Ran(CycleResult result) => new(result.Connection.Name, false,
        $"{result.Sync.Entities} records read, {result.KpiValuesChanged} KPI values changed, {result.Push.Created + result.Push.Updated} written to the CRM"
        + (result.Reruns > 0 ? $", {result.Reruns} more cycle(s) for changes announced meanwhile" : ""));
}

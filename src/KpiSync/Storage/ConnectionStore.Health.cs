using Dapper;
using KpiSync.Crm;

namespace KpiSync.Storage;

internal sealed partial class ConnectionStore
{
    /// <summary>Shown for an active connection whose last cycle failed; it keeps running (unlike the statuses that stop it).</summary>
    public const string Failing = "failing";

    // Only on an active connection: when the cycle's failure made it needs_reauthorization or blocked, that status and
    // its reason say more than the generic failure, and a stale one from earlier would be misleading once it is fixed.
    private const string UpdateCycleFailed = """
        update kpisync.connections
        set cycle_error = case when status = 'active' then @reason end, cycle_failed_at = case when status = 'active' then @at end
        where id = @id
        """;

    private const string UpdateCycleSucceeded = "update kpisync.connections set cycle_error = null, cycle_failed_at = null where id = @id and cycle_error is not null";
    private const string SelectCycleFailures = "select id, cycle_error, cycle_failed_at from kpisync.connections where cycle_error is not null";

    /// <summary>Records why the connection's cycle failed. Runs on its own token: a cancelled cycle has failed too.</summary>
    public async Task SetCycleFailedAsync(int id, string reason)
    {
        await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await conn.ExecuteAsync(new CommandDefinition(UpdateCycleFailed, new { id, reason, at = time.GetUtcNow() }));
    }

    public async Task SetCycleSucceededAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateCycleSucceeded, new { id }, cancellationToken: ct));
    }

    /// <summary>The connections whose last cycle failed, by id.</summary>
    public async Task<IReadOnlyDictionary<int, CycleFailure>> GetCycleFailuresAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(int Id, string Reason, DateTime At)>(new CommandDefinition(SelectCycleFailures, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => new CycleFailure(r.Reason, r.At));
    }

    /// <summary>What a person sees as the connection's health: its status when that stops it, else failing or active.</summary>
    public static string Health(CrmConnection connection, CycleFailure? failure) =>
        !connection.IsActive ? connection.Status : failure is null ? ConnectionStatus.Active : Failing;

    /// <summary>Why the last cycle failed, and when (UTC).</summary>
    public sealed record CycleFailure(string Reason, DateTime At);
}

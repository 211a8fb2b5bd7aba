using Dapper;
using Npgsql;

namespace KpiSync.Publishing;

/// <summary>How fresh a connection's stored CRM data is: the time of the newest CRM change synced.</summary>
internal sealed class DataAsOfStore(NpgsqlDataSource dataSource)
{
    // A lead's updated_at moves with every change to it; calls and events carry the moment they happened. Meetings and
    // tasks are left out: their time is when they are due, not when anything changed. Nothing later than "now" counts,
    // as a date entered by hand may lie ahead.
    private const string SelectNewestChange = """
        select greatest(
            (select max(updated_at) from kpisync.deals where connection_id = @c and updated_at <= @now),
            (select max(occurred_at) from kpisync.funnel_events where connection_id = @c and occurred_at <= @now and kind not in ('meeting', 'task')))
        """;

    /// <summary>Null when nothing is stored yet.</summary>
    public async Task<DateTimeOffset?> NewestChangeAsync(int c, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<DateTimeOffset?>(new CommandDefinition(SelectNewestChange, new { c, now }, cancellationToken: ct));
    }
}

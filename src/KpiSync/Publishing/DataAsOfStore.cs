using Dapper;
using Npgsql;

namespace KpiSync.Publishing;

/// <summary>How fresh a connection's stored CRM data is: the time of the newest CRM change synced.</summary>
internal sealed class DataAsOfStore(NpgsqlDataSource dataSource)
{
    // A lead's updated_at moves with every change to it; calls and events carry the moment they happened. Meetings and
    // tasks are left out: their time is when they are due, not when anything changed. Nothing later than "now" counts,
    // as a date entered by hand may lie ahead. Events are read per CRM user, newest first on the (connection, employee,
    // time) index, because a push runs every cycle and a plain max over the connection's events scans them all; an event
    // with no user changes no rep's values anyway.
    private const string SelectNewestChange = """
        select greatest(
            (select max(updated_at) from kpisync.deals where connection_id = @connectionId and updated_at <= @now),
            (select max(newest.occurred_at)
               from kpisync.crm_users u
               cross join lateral (
                   select max(f.occurred_at) as occurred_at from kpisync.funnel_events f
                    where f.connection_id = u.connection_id and f.employee_id = u.crm_id
                      and f.occurred_at <= @now and f.kind not in ('meeting', 'task')) newest
              where u.connection_id = @connectionId))
        """;

    /// <summary>Null when nothing is stored yet.</summary>
    public async Task<DateTimeOffset?> NewestChangeAsync(int connectionId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<DateTimeOffset?>(new CommandDefinition(SelectNewestChange, new { connectionId, now }, cancellationToken: ct));
    }
}

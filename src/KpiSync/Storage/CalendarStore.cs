using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary><c>work_calendars</c>: a connection's default calendar (employee 0) and per-employee overrides, as JSON.</summary>
internal sealed class CalendarStore(NpgsqlDataSource dataSource)
{
    public const long ConnectionDefault = 0;

    public async Task SetAsync(int c, long employee, string json, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into kpisync.work_calendars (connection_id, employee_id, body) values (@c, @employee, @json::jsonb)
            on conflict (connection_id, employee_id) do update set body = excluded.body
            """, new { c, employee, json }, tx, cancellationToken: ct));
        await AuditLog.ForceFullRecomputeAsync(conn, tx, c, ct);
        await tx.CommitAsync(ct);
    }

    public static async Task<Dictionary<long, string>> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int c, CancellationToken ct) =>
        (await conn.QueryAsync<(long Employee, string Body)>(new CommandDefinition(
            "select employee_id, body::text from kpisync.work_calendars where connection_id = @c order by employee_id", new { c }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Employee, r => r.Body);
}

using System.Text.Json;
using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>audit_log</c>: who changed a scheme, an assignment or a period, and when. Written in the changing transaction.</summary>
internal static class AuditLog
{
    private const string Insert = """
        insert into kpisync.audit_log (at, actor, action, connection_id, details) values (@at, @actor, @action, @c, @details::jsonb)
        """;

    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset at, string actor, string action, int c,
        Dictionary<string, string?> details, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(Insert, new
        {
            at, actor, action, c,
            details = JsonSerializer.Serialize(details, StorageJsonContext.Default.DictionaryStringString),
        }, tx, cancellationToken: ct));

    /// <summary>Makes the next recompute of the connection a full one (schemes, assignments or periods changed).</summary>
    public static Task ForceFullRecomputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("delete from kpisync.kpi_state where connection_id = @c", new { c }, tx, cancellationToken: ct));
}

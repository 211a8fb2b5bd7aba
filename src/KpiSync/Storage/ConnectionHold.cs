using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// Facts and deals carry no per-row foreign key to their connection (migration 0015: PostgreSQL checked it row by
/// row, a quarter of a fact's insert cost). Their stores hold the connection row instead, once per write, until the
/// transaction ends: the connection cannot be deleted under the write, and a write for a deleted one fails.
/// </summary>
internal static class ConnectionHold
{
    private const string Hold = "select id from kpisync.connections where id = @c for key share";

    public static async Task HoldAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct)
    {
        if (await conn.ExecuteScalarAsync<int?>(new CommandDefinition(Hold, new { c }, tx, cancellationToken: ct)) is null)
        {
            throw new StorageException($"connection {c} no longer exists; nothing was stored for it");
        }
    }
}

using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// A session-level PostgreSQL advisory lock per connection, held for a whole sync → recompute → push cycle, so a
/// connection's cycle never runs twice at once on any node (the scheduler's job, a CLI command, the dashboard).
/// </summary>
internal sealed class ConnectionLocks(NpgsqlDataSource dataSource)
{
    private const string Lock = "select pg_advisory_lock(hashtext('kpisync:cycle:' || @id))";
    private const string TryLock = "select pg_try_advisory_lock(hashtext('kpisync:cycle:' || @id))";
    private const string Unlock = "select pg_advisory_unlock(hashtext('kpisync:cycle:' || @id))";

    /// <summary>Waits for the lock; null only when <paramref name="wait"/> is false and another runner holds it.</summary>
    public async Task<IAsyncDisposable?> AcquireAsync(int connectionId, bool wait, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(wait ? Lock : TryLock, conn);
            cmd.Parameters.AddWithValue("id", connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var got = await cmd.ExecuteScalarAsync(ct);
            if (!wait && got is false)
            {
                await conn.DisposeAsync();
                return null;
            }

            return new Held(conn, connectionId);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection conn, int id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand(Unlock, conn);
                cmd.Parameters.AddWithValue("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await cmd.ExecuteScalarAsync();
            }
            finally
            {
                // Closing the session releases the lock even if the unlock above failed.
                await conn.DisposeAsync();
            }
        }
    }
}

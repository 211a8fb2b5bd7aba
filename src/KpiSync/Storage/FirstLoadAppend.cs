using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// The write path of a first load (a connection never recomputed, in practice its first sync): a batch's rows are
/// almost all new, so instead of a staging table and an upsert with a conflict check per row they are COPYed straight
/// into the table under a savepoint. A stream re-reads the records at its cursor, so a batch starts with a few rows
/// stored by the one before: the first <see cref="ProbedHead"/> keys are looked up, and those rows upserted instead.
/// A stored row further in (a record that changed while being read) fails the COPY on the primary key; it is rolled
/// back and the whole batch looked up. Should that fail too (a write beside it), the caller upserts the batch.
/// </summary>
internal static class FirstLoadAppend
{
    public const int ProbedHead = 256;

    /// <summary>Writes <c>rows</c> (unique by key) inside the caller's transaction; returns the rows inserted or
    /// changed, or null when the batch is left to the caller's upsert. <c>selectStored</c> returns which of <c>@keys</c>
    /// the connection <c>@c</c> already holds; <c>copy</c> is a binary COPY whose first column is the connection id.</summary>
    public static async Task<int?> TryAsync<T, TKey>(NpgsqlConnection conn, NpgsqlTransaction tx, int c, T[] rows, Func<T, TKey> keyOf,
        string selectStored, string copy, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow, Func<T[], Task<int>> upsert,
        CancellationToken ct)
    {
        // The head first; the whole batch only when the head did not cover it (a second identical pass would fail alike).
        foreach (var probed in rows.Length > ProbedHead ? (int[])[ProbedHead, rows.Length] : [rows.Length])
        {
            var keys = new TKey[probed];
            for (var i = 0; i < probed; i++)
            {
                keys[i] = keyOf(rows[i]);
            }

            var stored = (await conn.QueryAsync<TKey>(new CommandDefinition(selectStored, new { c, keys }, tx, cancellationToken: ct))).ToHashSet();
            T[] fresh = stored.Count == 0 ? rows : [.. rows.Where(r => !stored.Contains(keyOf(r)))];
            if (await TryCopyAsync(conn, tx, c, fresh, copy, writeRow, ct))
            {
                return fresh.Length + (stored.Count == 0 ? 0 : await upsert([.. rows.Where(r => stored.Contains(keyOf(r)))]));
            }
        }

        return null;
    }

    private static async Task<bool> TryCopyAsync<T>(NpgsqlConnection conn, NpgsqlTransaction tx, int c, T[] rows, string copy,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow, CancellationToken ct)
    {
        if (rows.Length == 0)
        {
            return true;
        }

        await tx.SaveAsync("first_load_append", ct);
        try
        {
            await using (var writer = await conn.BeginBinaryImportAsync(copy, ct))
            {
                foreach (var row in rows)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(c, NpgsqlDbType.Integer, ct);
                    await writeRow(writer, row, ct);
                }

                await writer.CompleteAsync(ct);
            }

            await tx.ReleaseAsync("first_load_append", ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackAsync("first_load_append", ct);
            return false;
        }
    }
}

using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// The bulk write path (DESIGN.md): create a temp staging table, binary-COPY the rows into it, then one set-based
/// merge statement, all inside the caller's transaction. Faster than row-by-row upserts by an order of magnitude.
/// </summary>
internal static class StagedMerge
{
    public static async Task<int> RunAsync<T>(NpgsqlConnection conn, NpgsqlTransaction tx, string createStaging, string copy,
        IReadOnlyList<T> rows, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> writeRow, string merge, object mergeParameters,
        CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(createStaging, transaction: tx, cancellationToken: ct));
        await using (var writer = await conn.BeginBinaryImportAsync(copy, ct))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(ct);
                await writeRow(writer, row, ct);
            }

            await writer.CompleteAsync(ct);
        }

        return await conn.ExecuteAsync(new CommandDefinition(merge, mergeParameters, tx, cancellationToken: ct));
    }
}

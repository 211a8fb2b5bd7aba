using System.Globalization;
using System.Text.Json;

namespace KpiSync.Storage;

/// <summary>One value row with its explanation serialized (once: it is hashed and, if changed, written) and its hash.</summary>
internal sealed record HashedRow(KpiValueRow Row, string Explanation, long Hash);

/// <summary>
/// A cell's value rows, each with a 64-bit hash of what is stored of it, and the cell's hash over those: equal cell
/// hashes skip the cell; in a changed cell, equal row hashes skip the row.
/// </summary>
internal sealed record HashedCell(IReadOnlyList<HashedRow> Rows, string Hash)
{
    /// <summary>
    /// Each cell of <paramref name="values"/> hashed, in the order the cells first appear. Serializing and hashing every
    /// explanation is a full recompute's largest share of its value write (233 000 rows on the bench: 0.45 s on one core,
    /// 0.22–0.28 s on two); cells are independent, so from <paramref name="parallelFrom"/> rows on every core takes some.
    /// A day's few thousand rows stay on one thread (0.03 s; handing them out cost more than it saved).
    /// </summary>
    public static Dictionary<(long EmployeeId, string Period), HashedCell> OfCells(IReadOnlyCollection<KpiValueRow> values, int parallelFrom = 50_000)
    {
        var groups = values.GroupBy(v => (v.EmployeeId, v.Period));
        var hashed = values.Count >= parallelFrom
            ? groups.AsParallel().AsOrdered().Select(g => (g.Key, Cell: Of(g)))
            : groups.Select(g => (g.Key, Cell: Of(g)));
        return hashed.ToDictionary(x => x.Key, x => x.Cell);
    }

    public static HashedCell Of(IEnumerable<KpiValueRow> values)
    {
        var rows = new List<HashedRow>();
        var cell = PartDigest.Start;
        foreach (var v in values.OrderBy(v => v.Indicator, StringComparer.Ordinal))
        {
            var json = JsonSerializer.Serialize(v.Explanation, StorageJsonContext.Default.Explanation);
            var h = PartDigest.Text(PartDigest.Start, v.Indicator);
            h = PartDigest.Text(h, v.Value?.ToString(CultureInfo.InvariantCulture) ?? "null");
            h = PartDigest.Text(h, v.LowSample ? "1" : "0");
            h = PartDigest.Text(h, json);
            rows.Add(new HashedRow(v, json, (long)h));
            cell = PartDigest.Word(cell, h);
        }

        return new HashedCell(rows, cell.ToString("x16", CultureInfo.InvariantCulture));
    }
}

/// <summary>The bytes of <c>kpi_cells.row_hashes</c> (migration 0019): each row's indicator and hash.</summary>
internal static class RowHashes
{
    public static byte[] Encode(IEnumerable<HashedRow> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            foreach (var r in rows)
            {
                w.Write(r.Row.Indicator);
                w.Write(r.Hash);
            }
        }

        return stream.ToArray();
    }

    public static Dictionary<string, long> Decode(byte[] body)
    {
        var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
        using var r = new BinaryReader(new MemoryStream(body, writable: false));
        while (r.BaseStream.Position < body.Length)
        {
            hashes[r.ReadString()] = r.ReadInt64();
        }

        return hashes;
    }
}

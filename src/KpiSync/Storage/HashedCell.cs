using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
    public static HashedCell Of(IEnumerable<KpiValueRow> values)
    {
        var rows = new List<HashedRow>();
        var text = new StringBuilder();
        foreach (var v in values.OrderBy(v => v.Indicator, StringComparer.Ordinal))
        {
            var json = JsonSerializer.Serialize(v.Explanation, StorageJsonContext.Default.Explanation);
            text.Clear().Append(v.Indicator).Append('|').Append(v.Value?.ToString(CultureInfo.InvariantCulture)).Append('|').Append(v.LowSample ? '1' : '0')
                .Append('|').Append(json);
            rows.Add(new HashedRow(v, json, BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))));
        }

        var all = new byte[rows.Count * sizeof(long)];
        for (var i = 0; i < rows.Count; i++)
        {
            BitConverter.TryWriteBytes(all.AsSpan(i * sizeof(long)), rows[i].Hash);
        }

        return new HashedCell(rows, Convert.ToHexString(SHA256.HashData(all)));
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

using KpiSync.Kpis.Engine;

namespace KpiSync.Storage;

/// <summary>
/// The bytes of a cell's sum in <c>kpi_cell_sums.body</c>: its totals as <see cref="KpiPartCodec"/> writes a part, then
/// what taking parts out needs (part and activity counts, parts per product, parts per decimal scale).
/// </summary>
internal static class CellSumCodec
{
    public static byte[] Encode(CellSum sum)
    {
        using var stream = new MemoryStream(128);
        using (var w = new BinaryWriter(stream))
        {
            KpiPartCodec.Encode(w, sum.Totals);
            w.Write7BitEncodedInt64(sum.Parts);
            w.Write7BitEncodedInt64(sum.Activities);
            w.Write7BitEncodedInt(sum.Products.Count);
            foreach (var (product, n) in sum.Products.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.Write(product);
                w.Write7BitEncodedInt64(n);
            }

            w.Write7BitEncodedInt(sum.Scales.Count);
            foreach (var ((field, scale), n) in sum.Scales.OrderBy(s => s.Key))
            {
                w.Write7BitEncodedInt(field);
                w.Write7BitEncodedInt(scale);
                w.Write7BitEncodedInt64(n);
            }
        }

        return stream.ToArray();
    }

    public static CellSum Decode(byte[] body)
    {
        var sum = new CellSum();
        using var r = new BinaryReader(new MemoryStream(body, writable: false));
        KpiPartCodec.AddTo(sum.Totals, r);
        sum.Parts = r.Read7BitEncodedInt64();
        sum.Activities = r.Read7BitEncodedInt64();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            sum.Products[r.ReadString()] = r.Read7BitEncodedInt64();
        }

        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            sum.SetScale(r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt64());
        }

        return sum;
    }
}

using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Facts;

namespace KpiSync.Storage;

/// <summary>
/// The bytes of a <see cref="DealTail"/> in <c>kpi_deal_digests.tail</c> (migration 0018): the deal's attributes, its
/// deal facts in time order (without source keys: they serve explanations only, which read the facts themselves) and
/// the anchor touch. Replaying a deal's running month from it spares reading the deal's year of facts.
/// </summary>
internal static class DealTailCodec
{
    private const byte Version = 1;

    public static byte[] Encode(DealTail tail)
    {
        using var stream = new MemoryStream(128);
        using (var w = new BinaryWriter(stream))
        {
            var d = tail.Record;
            w.Write(Version);
            w.Write(d.Id);
            Write(w, d.ResponsibleId);
            Write(w, d.PipelineId);
            Write(w, d.StatusId);
            w.Write(d.CreatedAt.UtcTicks);
            w.Write(d.Price);
            Write(w, d.Cost);
            Write(w, d.LaborSeconds);
            Write(w, d.Segment);
            Write(w, d.Product);
            Write(w, d.PaymentDue?.UtcTicks);
            Write(w, d.ClientId);
            w.Write(d.Facts.Count);
            foreach (var f in d.Facts)
            {
                w.Write((byte)f.Kind);
                w.Write(f.At.UtcTicks);
                Write(w, f.StageFrom);
                Write(w, f.StageTo);
                Write(w, f.Amount);
                Write(w, f.FromEmployee);
                Write(w, f.ToEmployee);
            }

            Write(w, tail.AnchorEmployee);
            Write(w, tail.AnchorAt?.UtcTicks);
        }

        return stream.ToArray();
    }

    /// <summary>The stored tail; null for bytes of another layout (the deal is then replayed whole).</summary>
    public static DealTail? Decode(byte[] body)
    {
        using var r = new BinaryReader(new MemoryStream(body, writable: false));
        if (r.ReadByte() != Version)
        {
            return null;
        }

        var id = r.ReadInt64();
        var responsible = Long(r);
        var pipeline = Long(r);
        var status = Long(r);
        var created = Time(r.ReadInt64());
        var price = r.ReadDecimal();
        var cost = r.ReadBoolean() ? r.ReadDecimal() : (decimal?)null;
        int? labor = r.ReadBoolean() ? r.ReadInt32() : null;
        var segment = r.ReadBoolean() ? r.ReadString() : null;
        var product = r.ReadBoolean() ? r.ReadString() : null;
        var due = Long(r) is { } ticks ? Time(ticks) : (DateTimeOffset?)null;
        var client = Long(r);
        var facts = new DealFact[r.ReadInt32()];
        for (var i = 0; i < facts.Length; i++)
        {
            var kind = (DealFactKind)r.ReadByte();
            var at = Time(r.ReadInt64());
            facts[i] = new DealFact(kind, at, Long(r), Long(r), r.ReadBoolean() ? r.ReadDecimal() : null, Long(r), Long(r));
        }

        var anchorEmployee = Long(r);
        var anchorAt = Long(r) is { } a ? Time(a) : (DateTimeOffset?)null;
        var record = new DealRecord(id, responsible, pipeline, status, created, price, facts)
        {
            Cost = cost, LaborSeconds = labor, Segment = segment, Product = product, PaymentDue = due, ClientId = client,
        };
        return new DealTail(record, anchorEmployee, anchorAt);
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private static long? Long(BinaryReader r) => r.ReadBoolean() ? r.ReadInt64() : null;

    private static void Write(BinaryWriter w, long? v)
    {
        w.Write(v.HasValue);
        if (v is { } x)
        {
            w.Write(x);
        }
    }

    private static void Write(BinaryWriter w, int? v)
    {
        w.Write(v.HasValue);
        if (v is { } x)
        {
            w.Write(x);
        }
    }

    private static void Write(BinaryWriter w, decimal? v)
    {
        w.Write(v.HasValue);
        if (v is { } x)
        {
            w.Write(x);
        }
    }

    private static void Write(BinaryWriter w, string? v)
    {
        w.Write(v is not null);
        if (v is not null)
        {
            w.Write(v);
        }
    }
}

using KpiSync.Kpis.Indicators;

namespace KpiSync.Storage;

/// <summary>
/// The bytes of a deal's part in <c>kpi_deal_parts.body</c>: a bit per field that is set, then those fields. Compact
/// (a part holds a handful of fields) and exact: decimals keep their scale, so a cell summed from parts prints its
/// values exactly as the engine's own sum does.
/// </summary>
internal static class KpiPartCodec
{
    public static byte[] Encode(EmployeePeriodTotals t)
    {
        using var stream = new MemoryStream(64);
        using (var w = new BinaryWriter(stream))
        {
            Encode(w, t);
        }

        return stream.ToArray();
    }

    public static void Encode(BinaryWriter w, EmployeePeriodTotals t)
    {
        var (products, responses, funnel, attention) = t.Collections;
        long[] longs =
        [
            t.CallsOut, t.CallsIn, t.CallSeconds, t.CallsAttempted, t.Meetings, t.TasksDone, t.Touches, t.DealsCreated, t.DealsWon, t.DealsLost,
            t.LaborSecondsWon, t.CohortCreated, t.CohortWon, t.DealsInWork, t.PotentialDeals, t.RealDeals, t.NewClients, t.RepeatPurchases,
            t.NominalSeconds, t.CoveredSeconds, t.FunnelOverall.Entered, t.FunnelOverall.Advanced, t.AttentionOverall.Touches, t.AttentionOverall.OpenDeals,
        ];
        decimal[] decimals = [t.RevenueWon, t.CostWon, t.Payments, t.Receivables, t.ReceivablesOverdue];
        var mask = 0L;
        for (var i = 0; i < longs.Length; i++)
        {
            mask |= longs[i] != 0 ? 1L << i : 0;
        }

        for (var i = 0; i < decimals.Length; i++)
        {
            mask |= decimals[i] != 0 || decimals[i].Scale != 0 ? 1L << (LongCount + i) : 0;
        }

        mask |= products is { Count: > 0 } ? 1L << Products : 0;
        mask |= responses is { Count: > 0 } ? 1L << Responses : 0;
        mask |= funnel is { Count: > 0 } ? 1L << Funnel : 0;
        mask |= attention is { Count: > 0 } ? 1L << Attention : 0;
        w.Write7BitEncodedInt64(mask);
        for (var i = 0; i < longs.Length; i++)
        {
            if ((mask & (1L << i)) != 0)
            {
                w.Write7BitEncodedInt64(longs[i]);
            }
        }

        for (var i = 0; i < decimals.Length; i++)
        {
            if ((mask & (1L << (LongCount + i))) != 0)
            {
                w.Write(decimals[i]);
            }
        }

        if ((mask & (1L << Products)) != 0)
        {
            w.Write7BitEncodedInt(products!.Count);
            foreach (var p in products.Order(StringComparer.Ordinal))
            {
                w.Write(p);
            }
        }

        if ((mask & (1L << Responses)) != 0)
        {
            w.Write7BitEncodedInt(responses!.Count);
            foreach (var m in responses)
            {
                w.Write(m);
            }
        }

        if ((mask & (1L << Funnel)) != 0)
        {
            w.Write7BitEncodedInt(funnel!.Count);
            foreach (var (stage, n) in funnel)
            {
                w.Write7BitEncodedInt64(stage);
                w.Write7BitEncodedInt64(n.Entered);
                w.Write7BitEncodedInt64(n.Advanced);
            }
        }

        if ((mask & (1L << Attention)) != 0)
        {
            w.Write7BitEncodedInt(attention!.Count);
            foreach (var (segment, n) in attention)
            {
                w.Write(segment);
                w.Write7BitEncodedInt64(n.Touches);
                w.Write7BitEncodedInt64(n.OpenDeals);
            }
        }
    }

    /// <summary>Adds the encoded part to <paramref name="t"/>.</summary>
    public static void AddTo(EmployeePeriodTotals t, byte[] body)
    {
        using var r = new BinaryReader(new MemoryStream(body, writable: false));
        AddTo(t, r);
    }

    /// <summary>Adds the part encoded at the reader's position to <paramref name="t"/>.</summary>
    public static void AddTo(EmployeePeriodTotals t, BinaryReader r)
    {
        var mask = r.Read7BitEncodedInt64();
        var longs = new long[LongCount];
        for (var i = 0; i < LongCount; i++)
        {
            longs[i] = (mask & (1L << i)) != 0 ? r.Read7BitEncodedInt64() : 0;
        }

        var decimals = new decimal[DecimalCount];
        for (var i = 0; i < DecimalCount; i++)
        {
            decimals[i] = (mask & (1L << (LongCount + i))) != 0 ? r.ReadDecimal() : 0;
        }

        // Added field by field: an object per decoded part made assembling a month of parts allocation-bound.
        t.CallsOut += longs[0];
        t.CallsIn += longs[1];
        t.CallSeconds += longs[2];
        t.CallsAttempted += longs[3];
        t.Meetings += longs[4];
        t.TasksDone += longs[5];
        t.Touches += longs[6];
        t.DealsCreated += longs[7];
        t.DealsWon += longs[8];
        t.DealsLost += longs[9];
        t.LaborSecondsWon += longs[10];
        t.CohortCreated += longs[11];
        t.CohortWon += longs[12];
        t.DealsInWork += longs[13];
        t.PotentialDeals += longs[14];
        t.RealDeals += longs[15];
        t.NewClients += longs[16];
        t.RepeatPurchases += longs[17];
        t.NominalSeconds += longs[18];
        t.CoveredSeconds += longs[19];
        t.FunnelOverall = new FunnelCount(t.FunnelOverall.Entered + longs[20], t.FunnelOverall.Advanced + longs[21]);
        t.AttentionOverall = new AttentionCount(t.AttentionOverall.Touches + longs[22], t.AttentionOverall.OpenDeals + longs[23]);
        t.RevenueWon += decimals[0];
        t.CostWon += decimals[1];
        t.Payments += decimals[2];
        t.Receivables += decimals[3];
        t.ReceivablesOverdue += decimals[4];
        if ((mask & (1L << Products)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                t.ProductsSold.Add(r.ReadString());
            }
        }

        if ((mask & (1L << Responses)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                t.ResponseMinutes.Add(r.ReadDecimal());
            }
        }

        if ((mask & (1L << Funnel)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                var stage = r.Read7BitEncodedInt64();
                var mine = t.Funnel.GetValueOrDefault(stage);
                t.Funnel[stage] = new FunnelCount(mine.Entered + r.Read7BitEncodedInt64(), mine.Advanced + r.Read7BitEncodedInt64());
            }
        }

        if ((mask & (1L << Attention)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                var segment = r.ReadString();
                var mine = t.Attention.GetValueOrDefault(segment);
                t.Attention[segment] = new AttentionCount(mine.Touches + r.Read7BitEncodedInt64(), mine.OpenDeals + r.Read7BitEncodedInt64());
            }
        }
    }

    private const int LongCount = 24;
    private const int DecimalCount = 5;
    private const int Products = LongCount + DecimalCount;
    private const int Responses = Products + 1;
    private const int Funnel = Products + 2;
    private const int Attention = Products + 3;
}

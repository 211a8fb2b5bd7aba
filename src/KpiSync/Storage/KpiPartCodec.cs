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

        var part = new EmployeePeriodTotals
        {
            CallsOut = longs[0], CallsIn = longs[1], CallSeconds = longs[2], CallsAttempted = longs[3], Meetings = longs[4], TasksDone = longs[5],
            Touches = longs[6], DealsCreated = longs[7], DealsWon = longs[8], DealsLost = longs[9], LaborSecondsWon = longs[10], CohortCreated = longs[11],
            CohortWon = longs[12], DealsInWork = longs[13], PotentialDeals = longs[14], RealDeals = longs[15], NewClients = longs[16],
            RepeatPurchases = longs[17], NominalSeconds = longs[18], CoveredSeconds = longs[19],
            FunnelOverall = new FunnelCount(longs[20], longs[21]), AttentionOverall = new AttentionCount(longs[22], longs[23]),
            RevenueWon = decimals[0], CostWon = decimals[1], Payments = decimals[2], Receivables = decimals[3], ReceivablesOverdue = decimals[4],
        };
        if ((mask & (1L << Products)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                part.ProductsSold.Add(r.ReadString());
            }
        }

        if ((mask & (1L << Responses)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                part.ResponseMinutes.Add(r.ReadDecimal());
            }
        }

        if ((mask & (1L << Funnel)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                part.Funnel[r.Read7BitEncodedInt64()] = new FunnelCount(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
            }
        }

        if ((mask & (1L << Attention)) != 0)
        {
            for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            {
                part.Attention[r.ReadString()] = new AttentionCount(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
            }
        }

        t.Add(part);
    }

    private const int LongCount = 24;
    private const int DecimalCount = 5;
    private const int Products = LongCount + DecimalCount;
    private const int Responses = Products + 1;
    private const int Funnel = Products + 2;
    private const int Attention = Products + 3;
}

using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;

namespace KpiSync.Storage;

/// <summary>
/// 64-bit digests of stored parts, computed from the fields themselves (no encoding, no allocation): a full recompute
/// compares a digest per deal and per employee-month of days against the stored ones and encodes and writes only what
/// differs, so storing parts costs a steady-state full recompute little. Sums over cells and days, so order does not
/// matter. Stable across processes (System.HashCode is not).
/// </summary>
internal static class PartDigest
{
    /// <summary>
    /// What <c>kpi_deal_digests</c> holds of a deal: its parts before the grid's running month and, when the engine gave
    /// one, its tail's deal and anchor. The running month (its parts and touches) is compared as stored, in <c>kpi_deal_running</c>.
    /// </summary>
    public static long Of(DealParts deal, Kpis.Periods.PeriodGrid grid, DealTail? tail)
    {
        var running = grid.Count - 1;
        var sum = 0UL;
        foreach (var (cell, totals) in deal.Cells)
        {
            if (cell.Period != running)
            {
                sum += Of(Mix(Mix(Seed, (ulong)cell.EmployeeId), grid.Key(cell.Period)), totals);
            }
        }

        return tail is null ? (long)sum : unchecked((long)sum + (long)Of(tail));
    }

    private static ulong Of(DealTail tail)
    {
        var d = tail.Record;
        var h = Mix(Seed ^ 0x7A11, (ulong)d.Id);
        foreach (var n in (ReadOnlySpan<long>)[d.ResponsibleId ?? -1, d.PipelineId ?? -1, d.StatusId ?? -1, d.CreatedAt.UtcTicks, d.LaborSeconds ?? -1,
                     d.PaymentDue?.UtcTicks ?? -1, d.ClientId ?? -1, tail.AnchorEmployee ?? -1, tail.AnchorAt?.UtcTicks ?? -1, d.Facts.Count])
        {
            h = Mix(h, (ulong)n);
        }

        h = Mix(Mix(Mix(Mix(h, d.Price), d.Cost ?? -1m), d.Segment ?? "\0"), d.Product ?? "\0");
        foreach (var f in d.Facts)
        {
            h = Mix(Mix(Mix(Mix(h, (ulong)f.Kind), (ulong)f.At.UtcTicks), (ulong)(f.StageFrom ?? -1)), (ulong)(f.StageTo ?? -1));
            h = Mix(Mix(Mix(h, f.Amount ?? -1m), (ulong)(f.FromEmployee ?? -1)), (ulong)(f.ToEmployee ?? -1));
        }

        return h;
    }

    public static ulong Of(long employee, DateOnly day, ActivityDay d)
    {
        var h = Mix(Mix(Seed, (ulong)employee), (ulong)day.DayNumber);
        foreach (var n in (ReadOnlySpan<long>)[d.Activities, d.CallsOut, d.CallsIn, d.CallSeconds, d.CallsAttempted, d.Meetings, d.TasksDone, d.Touches, d.CoveredSeconds])
        {
            h = Mix(h, (ulong)n);
        }

        return h;
    }

    public static ulong Of(ClientWin w) => Mix(Mix(Mix(Mix(Mix(Seed, (ulong)w.DealId), (ulong)w.ClientId), (ulong)w.At.UtcTicks), (ulong)(w.EmployeeId ?? -1)), (ulong)w.Period);

    private static ulong Of(ulong h, EmployeePeriodTotals t)
    {
        foreach (var n in (ReadOnlySpan<long>)[t.CallsOut, t.CallsIn, t.CallSeconds, t.CallsAttempted, t.Meetings, t.TasksDone, t.Touches, t.DealsCreated,
                     t.DealsWon, t.DealsLost, t.LaborSecondsWon, t.CohortCreated, t.CohortWon, t.DealsInWork, t.PotentialDeals, t.RealDeals, t.NewClients,
                     t.RepeatPurchases, t.NominalSeconds, t.CoveredSeconds, t.FunnelOverall.Entered, t.FunnelOverall.Advanced, t.AttentionOverall.Touches,
                     t.AttentionOverall.OpenDeals])
        {
            h = Mix(h, (ulong)n);
        }

        foreach (var m in (ReadOnlySpan<decimal>)[t.RevenueWon, t.CostWon, t.Payments, t.Receivables, t.ReceivablesOverdue])
        {
            h = Mix(h, m);
        }

        var (products, responses, funnel, attention) = t.Collections;
        var set = 0UL;
        foreach (var p in products ?? [])
        {
            set += Mix(Seed, p);
        }

        h = Mix(h, set);
        foreach (var m in responses ?? [])
        {
            h = Mix(h, m);
        }

        foreach (var (stage, n) in funnel ?? [])
        {
            h = Mix(Mix(Mix(h, (ulong)stage), (ulong)n.Entered), (ulong)n.Advanced);
        }

        foreach (var (segment, n) in attention ?? [])
        {
            h = Mix(Mix(Mix(h, segment), (ulong)n.Touches), (ulong)n.OpenDeals);
        }

        return h;
    }

    private const ulong Seed = 0x9E3779B97F4A7C15;

    // splitmix64's finalizer over the running value and the next word: cheap, and every bit of input reaches every bit.
    private static ulong Mix(ulong h, ulong v)
    {
        var z = h ^ (v + Seed + (h << 6) + (h >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    // A decimal with its scale: 1.0 and 1.00 print differently, so they digest differently.
    private static ulong Mix(ulong h, decimal d)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        return Mix(Mix(h, (ulong)(uint)bits[0] | ((ulong)(uint)bits[1] << 32)), (ulong)(uint)bits[2] | ((ulong)(uint)bits[3] << 32));
    }

    private static ulong Mix(ulong h, string s)
    {
        foreach (var ch in s)
        {
            h = Mix(h, ch);
        }

        return Mix(h, (ulong)s.Length);
    }

    /// <summary>Text mixed in four characters at a time (value rows: their explanations run to hundreds of characters).</summary>
    public static ulong Text(ulong h, ReadOnlySpan<char> s)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ulong>(s);
        foreach (var w in words)
        {
            h = Mix(h, w);
        }

        foreach (var ch in s[(words.Length * 4)..])
        {
            h = Mix(h, ch);
        }

        return Mix(h, (ulong)s.Length);
    }

    public static ulong Word(ulong h, ulong v) => Mix(h, v);

    public static ulong Start => Seed;
}

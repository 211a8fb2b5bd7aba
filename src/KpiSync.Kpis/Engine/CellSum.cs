using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

/// <summary>
/// A cell's totals kept so that a deal's part can be taken out again: an incremental recompute moves a cell by
/// its redone deals' new parts minus their old ones instead of re-adding every part. Taking out needs what a plain sum
/// forgets: how many parts sold each product (a set cannot lose one), and the decimal scales of the parts (a sum prints
/// with its parts' largest scale: 1.50 + 2.5 = 4.00, and without the 1.50 the full sum would read 2.5, not 2.50).
/// Only the fields deal parts carry move here; activities, idle time and clients are set from their own sources.
/// </summary>
public sealed partial class CellSum
{
    /// <summary>Per decimal field, how many parts had each non-zero scale.</summary>
    private readonly Dictionary<(int Field, int Scale), long> _scales = [];

    public EmployeePeriodTotals Totals { get; } = new();

    /// <summary>Per product sold, the number of parts that sold it.</summary>
    public Dictionary<string, long> Products { get; } = new(StringComparer.Ordinal);

    /// <summary>How many deal parts the cell holds.</summary>
    public long Parts { get; set; }

    /// <summary>The activities made in the cell's days (a cell exists once it has one).</summary>
    public long Activities { get; set; }

    public IReadOnlyDictionary<(int Field, int Scale), long> Scales => _scales;

    public void Add(EmployeePeriodTotals part) => Apply(part, 1);

    public void Subtract(EmployeePeriodTotals part) => Apply(part, -1);

    /// <summary>
    /// Adds another sum of other parts, as if its parts were added here one by one after these (a full recompute sums
    /// each thread's deals apart): counts add up, responses follow these ones. Parts only add, so no entry is at zero.
    /// </summary>
    public void Add(CellSum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Totals.Add(other.Totals);
        Parts += other.Parts;
        Activities += other.Activities;
        foreach (var (product, n) in other.Products)
        {
            Products[product] = Products.GetValueOrDefault(product) + n;
        }

        foreach (var (key, n) in other._scales)
        {
            _scales[key] = _scales.GetValueOrDefault(key) + n;
        }
    }

    /// <summary>Restores a stored scale count (decoding).</summary>
    public void SetScale(int field, int scale, long count) => _scales[(field, scale)] = count;

    private void Apply(EmployeePeriodTotals part, int sign)
    {
        ArgumentNullException.ThrowIfNull(part);
        var t = Totals;
        Parts += sign;
        t.DealsCreated += sign * part.DealsCreated;
        t.DealsWon += sign * part.DealsWon;
        t.DealsLost += sign * part.DealsLost;
        t.LaborSecondsWon += sign * part.LaborSecondsWon;
        t.CohortCreated += sign * part.CohortCreated;
        t.CohortWon += sign * part.CohortWon;
        t.DealsInWork += sign * part.DealsInWork;
        t.PotentialDeals += sign * part.PotentialDeals;
        t.RealDeals += sign * part.RealDeals;
        t.FunnelOverall = new FunnelCount(t.FunnelOverall.Entered + (sign * part.FunnelOverall.Entered), t.FunnelOverall.Advanced + (sign * part.FunnelOverall.Advanced));
        t.AttentionOverall = new AttentionCount(t.AttentionOverall.Touches + (sign * part.AttentionOverall.Touches),
            t.AttentionOverall.OpenDeals + (sign * part.AttentionOverall.OpenDeals));
        t.RevenueWon = Move(0, t.RevenueWon, part.RevenueWon, sign);
        t.CostWon = Move(1, t.CostWon, part.CostWon, sign);
        t.Payments = Move(2, t.Payments, part.Payments, sign);
        t.Receivables = Move(3, t.Receivables, part.Receivables, sign);
        t.ReceivablesOverdue = Move(4, t.ReceivablesOverdue, part.ReceivablesOverdue, sign);
        var (products, responses, funnel, attention) = part.Collections;
        foreach (var p in products ?? [])
        {
            MoveProduct(p, sign);
        }

        foreach (var m in responses ?? [])
        {
            MoveResponse(m, sign);
        }

        foreach (var (stage, n) in funnel ?? [])
        {
            var mine = t.Funnel.GetValueOrDefault(stage);
            // A part's entry always counts a deal, so an entry back at zero is one no part holds any more.
            t.Funnel[stage] = new FunnelCount(mine.Entered + (sign * n.Entered), mine.Advanced + (sign * n.Advanced));
            if (t.Funnel[stage].Entered == 0)
            {
                t.Funnel.Remove(stage);
            }
        }

        foreach (var (segment, n) in attention ?? [])
        {
            var mine = t.Attention.GetValueOrDefault(segment);
            t.Attention[segment] = new AttentionCount(mine.Touches + (sign * n.Touches), mine.OpenDeals + (sign * n.OpenDeals));
            if (t.Attention[segment].OpenDeals == 0)
            {
                t.Attention.Remove(segment);
            }
        }
    }

    private decimal Move(int field, decimal sum, decimal part, int sign)
    {
        if (part.Scale > 0)
        {
            var key = (field, (int)part.Scale);
            _scales[key] = _scales.GetValueOrDefault(key) + sign;
            if (_scales[key] == 0)
            {
                _scales.Remove(key);
            }
        }

        return sign > 0 ? sum + part : sum - part;
    }

    private void MoveProduct(string product, int sign)
    {
        var n = Products.GetValueOrDefault(product) + sign;
        if (n == 0)
        {
            Products.Remove(product);
            Totals.ProductsSold.Remove(product);
        }
        else
        {
            Products[product] = n;
            Totals.ProductsSold.Add(product);
        }
    }

    private void MoveResponse(decimal minutes, int sign)
    {
        var list = Totals.ResponseMinutes;
        if (sign > 0)
        {
            list.Add(minutes);
            return;
        }

        // The very element the part added: equal in value and in scale (30.5 and 30.50 print differently).
        var i = list.FindIndex(m => m == minutes && m.Scale == minutes.Scale);
        if (i < 0)
        {
            throw new InvalidOperationException($"The cell holds no response of {minutes} minutes to take out.");
        }

        list.RemoveAt(i);
    }
}

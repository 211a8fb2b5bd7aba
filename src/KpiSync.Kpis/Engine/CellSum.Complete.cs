using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

public sealed partial class CellSum
{
    /// <summary>
    /// Gives each decimal the scale the engine's own sum of the parts has — the largest of its parts' (0 without any):
    /// taking a part out leaves its scale behind (4.00 − 1.50 = 2.50 where the parts alone sum to 2.5).
    /// </summary>
    public void NormalizeScales()
    {
        var t = Totals;
        t.RevenueWon = Rescale(t.RevenueWon, TopScale(0));
        t.CostWon = Rescale(t.CostWon, TopScale(1));
        t.Payments = Rescale(t.Payments, TopScale(2));
        t.Receivables = Rescale(t.Receivables, TopScale(3));
        t.ReceivablesOverdue = Rescale(t.ReceivablesOverdue, TopScale(4));
    }

    /// <summary>Takes what deal parts do not carry — activities, idle time, clients — from <paramref name="other"/>.</summary>
    public void SetActivities(EmployeePeriodTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var t = Totals;
        t.CallsOut = other.CallsOut;
        t.CallsIn = other.CallsIn;
        t.CallSeconds = other.CallSeconds;
        t.CallsAttempted = other.CallsAttempted;
        t.Meetings = other.Meetings;
        t.TasksDone = other.TasksDone;
        t.Touches = other.Touches;
        t.NominalSeconds = other.NominalSeconds;
        t.CoveredSeconds = other.CoveredSeconds;
    }

    public void SetClients(long newClients, long repeatPurchases)
    {
        Totals.NewClients = newClients;
        Totals.RepeatPurchases = repeatPurchases;
    }

    private int TopScale(int field)
    {
        var top = 0;
        foreach (var ((f, scale), _) in _scales)
        {
            top = f == field && scale > top ? scale : top;
        }

        return top;
    }

    private static decimal Rescale(decimal value, int scale)
    {
        if (value == 0)
        {
            return new decimal(0, 0, 0, false, (byte)scale);
        }

        // Exact either way: the true sum has no digits past the parts' largest scale.
        return value.Scale > scale ? decimal.Round(value, scale) : value + new decimal(0, 0, 0, false, (byte)scale);
    }
}

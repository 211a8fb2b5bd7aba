using KpiSync.Crm;
using KpiSync.Kpis.Indicators;
using KpiSync.Storage;

namespace KpiSync.Admin.Kpis;

/// <summary>A period's KPI table: every employee with a stored value, each indicator's value with its plan, whether the
/// employee's scheme weighs it, and any pending adjustment of a closed period; the payout beside it.</summary>
internal sealed record KpiBoard(CrmConnection Connection, string Period, PeriodRow? Status, IReadOnlyList<KpiBoardRow> Rows, string? Currency = null)
{
    public const string EmployeeKey = "employee";

    public bool Frozen => Status?.Status == "closed";

    public int PendingAdjustments => Rows.Sum(r => r.Cells.Values.Count(c => c.Adjustment is not null));

    /// <summary>The team's figure for a column: the sum where summing means something (<see cref="KpiColumn.Sums"/>),
    /// else the median of the employees' values; null when nobody has a value.</summary>
    public decimal? Team(KpiColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var values = Rows.Select(r => r.Value(column.Key)).OfType<decimal>().Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var middle = values.Count / 2;
        return column.Sums ? values.Sum() : values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /// <summary>Rows sorted by the employee's name or by a column's value; a missing value sorts last either way.</summary>
    public IReadOnlyList<KpiBoardRow> Sorted(string? key, bool descending)
    {
        if (key is null or EmployeeKey)
        {
            var byName = Rows.OrderBy(r => r.Employee, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.EmployeeId);
            return descending ? [.. byName.Reverse()] : [.. byName];
        }

        var present = Rows.Where(r => r.Value(key) is not null);
        var ordered = descending ? present.OrderByDescending(r => r.Value(key)) : present.OrderBy(r => r.Value(key));
        return [.. ordered.ThenBy(r => r.Employee, StringComparer.CurrentCultureIgnoreCase), .. Rows.Where(r => r.Value(key) is null).OrderBy(r => r.Employee, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Ranks by a column, best first (the lowest for lower-is-better indicators); equal values share a rank
    /// (1, 2, 2, 4); employees without a value are listed after, unranked.</summary>
    public IReadOnlyList<(int? Rank, KpiBoardRow Row)> Leaderboard(string key)
    {
        var sorted = Sorted(key, descending: !IndicatorKeys.LowerIsBetter(key));
        var ranked = new List<(int?, KpiBoardRow)>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var value = sorted[i].Value(key);
            int? rank = value is null ? null : i > 0 && sorted[i - 1].Value(key) == value ? ranked[i - 1].Item1 : i + 1;
            ranked.Add((rank, sorted[i]));
        }

        return ranked;
    }
}

internal sealed record KpiBoardRow(long EmployeeId, string Employee, IReadOnlyDictionary<string, KpiCell> Cells, StoredPayout? Payout)
{
    public KpiCell? Cell(string key) => Cells.GetValueOrDefault(key);

    public decimal? Value(string key) => Cells.TryGetValue(key, out var c) ? c.Value : null;
}

/// <summary>One stored value: <see cref="Plan"/> when one is set for the period, <see cref="Weighted"/> when the
/// employee's scheme puts the indicator in the KPI index, <see cref="Adjustment"/> when the closed period's facts now differ.</summary>
internal sealed record KpiCell(decimal? Value, bool LowSample, decimal? Plan, bool Weighted, StoredAdjustment? Adjustment);

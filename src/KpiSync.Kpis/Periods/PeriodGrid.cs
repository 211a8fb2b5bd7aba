namespace KpiSync.Kpis.Periods;

/// <summary>
/// Consecutive periods, ascending and half-open, in one time zone: the cells an engine run fills. Finding the period
/// of an instant is a binary search, so a run over millions of facts never converts time zones per fact.
/// </summary>
public sealed class PeriodGrid
{
    private readonly DateTimeOffset[] _starts;
    private readonly DateTimeOffset[] _ends;
    private readonly string[] _keys;

    public PeriodGrid(IReadOnlyList<(string Key, DateTimeOffset Start, DateTimeOffset End)> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        _keys = periods.Select(p => p.Key).ToArray();
        _starts = periods.Select(p => p.Start).ToArray();
        _ends = periods.Select(p => p.End).ToArray();
        for (var i = 1; i < _keys.Length; i++)
        {
            if (_starts[i] != _ends[i - 1])
            {
                throw new ArgumentException($"Periods must be consecutive: {_keys[i - 1]} ends at {_ends[i - 1]:o}, {_keys[i]} starts at {_starts[i]:o}.", nameof(periods));
            }
        }
    }

    /// <summary>Every month from the one containing <paramref name="from"/> to the one containing <paramref name="to"/>.</summary>
    public static PeriodGrid Months(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var first = MonthPeriod.Containing(from, zone);
        var last = MonthPeriod.Containing(to < from ? from : to, zone);
        var list = new List<(string, DateTimeOffset, DateTimeOffset)>();
        for (var m = first; ; m = m.Next())
        {
            list.Add((m.ToString(), m.Start(zone), m.End(zone)));
            if (m == last)
            {
                break;
            }
        }

        return new PeriodGrid(list);
    }

    public int Count => _keys.Length;

    public string Key(int index) => _keys[index];

    public DateTimeOffset Start(int index) => _starts[index];

    public DateTimeOffset End(int index) => _ends[index];

    /// <summary>The index of the period holding <paramref name="at"/>, or -1 when it lies outside the grid.</summary>
    public int IndexOf(DateTimeOffset at)
    {
        if (_keys.Length == 0 || at < _starts[0] || at >= _ends[^1])
        {
            return -1;
        }

        int lo = 0, hi = _keys.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_starts[mid] <= at)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}

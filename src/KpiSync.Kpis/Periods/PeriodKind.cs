namespace KpiSync.Kpis.Periods;

public enum PeriodKind
{
    /// <summary>A calendar month, written <c>2026-10</c>.</summary>
    Month,

    /// <summary>An ISO week starting on Monday, written <c>2026-W43</c>.</summary>
    Week,

    /// <summary>One day, written <c>2026-10-20</c>.</summary>
    Day,
}

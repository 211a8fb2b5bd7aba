namespace KpiSync.Kpis.Schemes;

/// <summary>Which way an indicator improves; JSON <c>higher_is_better</c> / <c>lower_is_better</c>.</summary>
public enum Direction
{
    /// <summary><c>ratio = fact / plan</c>.</summary>
    HigherIsBetter,

    /// <summary><c>ratio = plan / fact</c>; fact 0 gives the cap (idle time, receivables, response time).</summary>
    LowerIsBetter,
}

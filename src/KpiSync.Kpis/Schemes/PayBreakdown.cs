namespace KpiSync.Kpis.Schemes;

/// <summary>
/// Pay rounded to the cent: <c>Fixed + Bonus − Penalties == Total</c> always. <see cref="Total"/> and
/// <see cref="Penalties"/> are rounded from the unrounded sums; <see cref="Bonus"/> is derived from them, so
/// it may differ by a cent from rounding the bonus lines alone. <see cref="Penalties"/> is positive.
/// </summary>
public sealed record PayBreakdown(decimal Fixed, decimal Bonus, decimal Penalties, decimal Total, IReadOnlyList<PayLine> Lines);

using KpiSync.Kpis.Indicators;

namespace KpiSync.Kpis.Engine;

/// <summary>What one deal contributed to each cell it counts in: a cell's deal totals are the sum of its deals' parts.</summary>
public sealed record DealParts(long DealId, IReadOnlyDictionary<CellKey, EmployeePeriodTotals> Cells)
{
    /// <summary>What replaying the deal's running month alone takes (stored beside its parts).</summary>
    public DealTail? Tail { get; init; }
}

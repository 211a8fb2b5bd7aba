namespace KpiSync.Kpis.Indicators;

/// <summary>Deals that entered a stage, and those of them that later reached a further stage (not lost).</summary>
public readonly record struct FunnelCount(long Entered, long Advanced)
{
    public FunnelCount Add(bool advanced) => new(Entered + 1, Advanced + (advanced ? 1 : 0));
}

namespace KpiSync.Kpis.Indicators;

/// <summary>Touches on open deals, and the open deals they were spread over.</summary>
public readonly record struct AttentionCount(long Touches, long OpenDeals)
{
    public AttentionCount Add(long touches) => new(Touches + touches, OpenDeals + 1);
}

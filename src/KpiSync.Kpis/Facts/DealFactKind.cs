namespace KpiSync.Kpis.Facts;

public enum DealFactKind : byte
{
    Created,
    StageChanged,
    Won,
    Lost,

    /// <summary>A move out of won or lost back into an open stage.</summary>
    Reopened,
    ResponsibleChanged,

    /// <summary>Money received (a negative amount is a refund).</summary>
    Payment,
}

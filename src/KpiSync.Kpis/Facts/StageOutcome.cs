namespace KpiSync.Kpis.Facts;

public enum StageOutcome : byte
{
    Open,
    Won,
    Lost,
}

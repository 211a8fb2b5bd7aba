namespace KpiSync.Kpis.Facts;

/// <summary>Potential (thinking, consulting) or real (start date set, prepayment): KPI.md "Potential vs real deals".</summary>
public enum StagePhase : byte
{
    Potential,
    Real,
}

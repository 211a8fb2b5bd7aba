namespace KpiSync.CrmSimulator.Api;

internal enum RefreshOutcome
{
    Accepted,
    Revoked,
    Unknown,
}

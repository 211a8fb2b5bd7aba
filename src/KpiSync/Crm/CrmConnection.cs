namespace KpiSync.Crm;

/// <summary>One CRM account KpiSync reads from and writes to. Credentials are not here: they stay encrypted in the
/// database and only the token provider reads them.</summary>
public sealed record CrmConnection(int Id, string Name, string Kind, Uri BaseUrl, string? TimeZone,
    string Status = ConnectionStatus.Active, string? StatusReason = null)
{
    public bool IsActive => Status == ConnectionStatus.Active;

    public TimeZoneInfo ResolveTimeZone() =>
        TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public override string ToString() => $"{Name} ({Kind}, {BaseUrl})";
}

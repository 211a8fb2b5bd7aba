namespace KpiSync.Crm;

/// <summary>One CRM account KpiSync reads from and writes to. <see cref="AccessToken"/> never reaches logs or output.</summary>
public sealed record CrmConnection(int Id, string Name, string Kind, Uri BaseUrl, string? TimeZone, string? AccessToken)
{
    public override string ToString() => $"{Name} ({Kind}, {BaseUrl})";

    public TimeZoneInfo ResolveTimeZone() =>
        TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

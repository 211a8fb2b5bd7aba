namespace KpiSync.Kpis.Engine;

/// <summary>A CRM record behind a value: which indicator it fed, its source key (note:…, task:…, lead:…), and how.</summary>
public sealed record TraceRecord(string Indicator, string SourceKey, long? DealId, string Note);

namespace KpiSync.CrmSimulator.Generation;

/// <summary>The immutable seeded data set of one simulator instance.</summary>
internal sealed record GeneratedAccount(
    DateTimeOffset Start,
    DateTimeOffset Anchor,
    TimeZoneInfo TimeZone,
    IReadOnlyList<SimUser> Users,
    IReadOnlyList<SimLead> Leads,
    IReadOnlyList<SimEvent> Events,
    IReadOnlyList<SimCallNote> Notes,
    IReadOnlyList<SimTask> Tasks);

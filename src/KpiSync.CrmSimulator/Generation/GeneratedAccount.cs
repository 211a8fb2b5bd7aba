namespace KpiSync.CrmSimulator.Generation;

/// <summary>The seeded data set of one simulator instance, as generated (live changes live in the store).</summary>
internal sealed record GeneratedAccount(
    DateTimeOffset Start,
    DateTimeOffset Anchor,
    TimeZoneInfo TimeZone,
    IReadOnlyList<SimUser> Users,
    IReadOnlyList<SimLead> Leads,
    IReadOnlyList<SimEvent> Events,
    IReadOnlyList<SimCallNote> Notes,
    IReadOnlyList<SimTask> Tasks,
    IReadOnlyList<InvoiceElement> Invoices);

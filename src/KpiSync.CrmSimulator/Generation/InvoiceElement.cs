namespace KpiSync.CrmSimulator.Generation;

/// <summary>An element of the invoices catalog; <see cref="Status"/> indexes <see cref="InvoiceLayout.Statuses"/>.</summary>
internal sealed record InvoiceElement(
    long Id,
    string Name,
    long LeadId,
    int Status,
    int Price,
    long? PaymentDate,
    long CreatedAt,
    long UpdatedAt,
    long CreatedBy);

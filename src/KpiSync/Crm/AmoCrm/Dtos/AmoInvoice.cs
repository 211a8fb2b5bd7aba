namespace KpiSync.Crm.AmoCrm.Dtos;

/// <summary>An element of the invoices catalog; its data sits in custom fields known by <c>field_code</c> (BILL_STATUS, BILL_PRICE, …).</summary>
internal sealed record AmoInvoice(long Id, string? Name, long CreatedAt, long UpdatedAt, bool? IsDeleted, IReadOnlyList<AmoFieldValues>? CustomFieldsValues);

using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoAccount(long Id, string? Name, string? Subdomain, bool? IsApiFilterEnabled,
    [property: JsonPropertyName("_embedded")] AmoAccountEmbedded? Embedded, AmoInvoicesSettings? InvoicesSettings = null, string? Currency = null,
    string? Country = null);

/// <summary><c>with=invoices_settings</c>: where the account keeps its invoices (README §4.8).</summary>
internal sealed record AmoInvoicesSettings(long? InvoicesCatalogId);

internal sealed record AmoAccountEmbedded(AmoDatetimeSettings? DatetimeSettings);

internal sealed record AmoDatetimeSettings(string? Timezone);

using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoAccount(long Id, string? Name, string? Subdomain, bool? IsApiFilterEnabled,
    [property: JsonPropertyName("_embedded")] AmoAccountEmbedded? Embedded);

internal sealed record AmoAccountEmbedded(AmoDatetimeSettings? DatetimeSettings);

internal sealed record AmoDatetimeSettings(string? Timezone);

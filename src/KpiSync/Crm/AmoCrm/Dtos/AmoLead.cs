using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoLead(
    long Id,
    string? Name,
    decimal? Price,
    long? ResponsibleUserId,
    long? StatusId,
    long? PipelineId,
    long? LossReasonId,
    long? CreatedBy,
    long CreatedAt,
    long UpdatedAt,
    long? ClosedAt,
    bool? IsDeleted,
    long? SourceId = null,
    [property: JsonConverter(typeof(FlexibleInt64Converter))] long? LaborCost = null,
    IReadOnlyList<AmoFieldValues>? CustomFieldsValues = null,
    [property: JsonPropertyName("_embedded")] AmoLeadEmbedded? Embedded = null);

internal sealed record AmoLeadEmbedded(IReadOnlyList<AmoTag>? Tags, IReadOnlyList<AmoLinkedEntity>? Companies = null,
    IReadOnlyList<AmoLinkedElement>? CatalogElements = null);

/// <summary><c>with=catalog_elements</c>: a catalog element linked to the lead (an invoice, where the catalog is the invoices one).</summary>
internal sealed record AmoLinkedElement(long Id, AmoLinkedElementMetadata? Metadata);

internal sealed record AmoLinkedElementMetadata(decimal? Quantity, long? CatalogId);

/// <summary>An entity a lead links to (amoCRM embeds a lead's company as <c>{"id": N, "_links": …}</c>).</summary>
internal sealed record AmoLinkedEntity(long Id);

internal sealed record AmoTag(long? Id, string Name);

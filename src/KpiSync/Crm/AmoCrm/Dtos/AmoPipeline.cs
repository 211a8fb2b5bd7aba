using System.Text.Json.Serialization;

namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoPipeline(long Id, string Name, int Sort, bool IsMain, bool IsArchive,
    [property: JsonPropertyName("_embedded")] AmoPipelineEmbedded? Embedded);

internal sealed record AmoPipelineEmbedded(IReadOnlyList<AmoStatus> Statuses);

internal sealed record AmoStatus(long Id, string Name, int Sort, int Type);

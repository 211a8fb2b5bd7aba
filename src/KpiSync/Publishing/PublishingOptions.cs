using System.ComponentModel.DataAnnotations;

namespace KpiSync.Publishing;

public sealed class PublishingOptions
{
    public const string SectionName = "Publishing";

    /// <summary>Name of the CRM list (amoCRM catalog) that holds one element per employee. <value>Default KPI.</value></summary>
    [Required(ErrorMessage = "Publishing:CatalogName must not be empty.")]
    public string CatalogName { get; init; } = "KPI";

    /// <summary>Elements per write request; amoCRM accepts 250 but recommends at most 50. <value>Default 50.</value></summary>
    [Range(1, 250, ErrorMessage = "Publishing:BatchSize must be between 1 and 250.")]
    public int BatchSize { get; init; } = 50;
}

using System.ComponentModel.DataAnnotations;

namespace KpiSync.Publishing;

public sealed class PublishingOptions
{
    public const string SectionName = "Publishing";

    /// <summary>The <see cref="Indicators"/> value that publishes every indicator.</summary>
    public const string AllIndicators = "all";

    /// <summary>Name of the CRM list (amoCRM catalog) that holds one element per employee. <value>Default KPI.</value></summary>
    [Required(ErrorMessage = "Publishing:CatalogName must not be empty.")]
    public string CatalogName { get; init; } = "KPI";

    /// <summary>Elements per write request; amoCRM accepts 250 but recommends at most 50. <value>Default 50.</value></summary>
    [Range(1, 250, ErrorMessage = "Publishing:BatchSize must be between 1 and 250.")]
    public int BatchSize { get; init; } = 50;

    /// <summary>
    /// The indicators reps see in the CRM: <c>all</c>, or a comma-separated list of keys (e.g. <c>calls, meetings,
    /// conversion, kpi_index</c>). Fields of indicators left out are not created. <value>Default all.</value>
    /// </summary>
    public string Indicators { get; init; } = AllIndicators;

    /// <summary>Whether each employee's pay (<c>pay_total</c>) is pushed too. Everyone who may open the list sees every
    /// element, so pay stays out unless asked for. <value>Default false.</value></summary>
    public bool IncludePay { get; init; }
}

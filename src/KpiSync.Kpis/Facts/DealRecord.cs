namespace KpiSync.Kpis.Facts;

/// <summary>A deal's current attributes and its history, facts sorted by time. Deleted deals never reach the engine.</summary>
public sealed record DealRecord(
    long Id,
    long? ResponsibleId,
    long? PipelineId,
    long? StatusId,
    DateTimeOffset CreatedAt,
    decimal Price,
    IReadOnlyList<DealFact> Facts)
{
    public decimal? Cost { get; init; }

    /// <summary>Involved time (amoCRM <c>labor_cost</c>), in seconds.</summary>
    public int? LaborSeconds { get; init; }

    public string? Segment { get; init; }

    public string? Product { get; init; }

    public DateTimeOffset? PaymentDue { get; init; }

    /// <summary>The client (amoCRM company) the deal belongs to; null when the CRM names none.</summary>
    public long? ClientId { get; init; }
}

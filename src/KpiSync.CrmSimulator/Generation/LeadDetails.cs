namespace KpiSync.CrmSimulator.Generation;

/// <summary>
/// The parts of a lead beyond the core columns. Select values are indexes into
/// <see cref="LeadFieldLayout.Segments"/> and <see cref="LeadFieldLayout.Products"/>; money is whole roubles.
/// </summary>
internal sealed record LeadDetails
{
    public static LeadDetails Empty { get; } = new();

    public int? Segment { get; init; }

    public int? Product { get; init; }

    public int? Cost { get; init; }

    public int? Paid { get; init; }

    /// <summary>Unix seconds of local midnight, as amoCRM serves date fields.</summary>
    public long? PaymentDue { get; init; }

    public int? SourceId { get; init; }

    /// <summary>Seconds spent on the deal.</summary>
    public int? LaborCost { get; init; }

    /// <summary>Bit i set: the lead carries <see cref="LeadFieldLayout.Tags"/>[i].</summary>
    public int TagMask { get; init; }

    public long? InvoiceId { get; init; }

    public bool HasFieldValues => Segment is not null || Product is not null || Cost is not null || Paid is not null || PaymentDue is not null;
}

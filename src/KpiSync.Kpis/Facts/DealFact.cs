namespace KpiSync.Kpis.Facts;

/// <summary>
/// One fact of a deal's history. For <see cref="DealFactKind.ResponsibleChanged"/>, <see cref="ToEmployee"/> and
/// <see cref="FromEmployee"/> carry the change; stage facts carry <see cref="StageFrom"/>/<see cref="StageTo"/>;
/// a win carries the price at the moment of the win in <see cref="Amount"/>.
/// </summary>
public readonly record struct DealFact(
    DealFactKind Kind,
    DateTimeOffset At,
    long? StageFrom = null,
    long? StageTo = null,
    decimal? Amount = null,
    long? FromEmployee = null,
    long? ToEmployee = null,
    string? SourceKey = null);

namespace KpiSync.Kpis.Schemes;

/// <summary>Either a scheme and no errors, or no scheme and every error found.</summary>
public sealed record SchemeParseResult(KpiScheme? Scheme, IReadOnlyList<SchemeError> Errors);

using System.Text.Json.Serialization;

namespace KpiSync.Cli;

/// <summary>The shape of <c>kpi --json</c>: indicator keys as in KPI.md, <c>value</c> null where undefined.</summary>
public sealed record KpiJsonRow(long EmployeeId, string Employee, string Period, string Indicator, decimal? Value, bool LowSample);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<KpiJsonRow>))]
public sealed partial class CliJsonContext : JsonSerializerContext;

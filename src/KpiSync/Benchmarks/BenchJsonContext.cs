using System.Text.Json.Serialization;

namespace KpiSync.Benchmarks;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchSummary))]
[JsonSerializable(typeof(RecomputeSummary))]
[JsonSerializable(typeof(FleetSummary))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

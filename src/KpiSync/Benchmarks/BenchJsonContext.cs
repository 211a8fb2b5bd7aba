using System.Text.Json.Serialization;

namespace KpiSync.Benchmarks;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchSummary))]
[JsonSerializable(typeof(RecomputeSummary))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

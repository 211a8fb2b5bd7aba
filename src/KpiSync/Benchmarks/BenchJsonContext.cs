using System.Text.Json.Serialization;

namespace KpiSync.Benchmarks;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchSummary))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

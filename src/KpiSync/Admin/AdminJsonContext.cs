using System.Text.Json.Serialization;

namespace KpiSync.Admin;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;

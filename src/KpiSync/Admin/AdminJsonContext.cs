using System.Text.Json.Serialization;

namespace KpiSync.Admin;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(RunsProgress))]
[JsonSerializable(typeof(OAuthFlow.Pending))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;

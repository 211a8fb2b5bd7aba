using System.Text.Json.Serialization;

namespace KpiSync.Storage;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(KpiSync.Kpis.Indicators.Explanation))]
[JsonSerializable(typeof(PayoutBreakdown))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;

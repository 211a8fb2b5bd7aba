using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// Shared handling of POST/PATCH bodies: a JSON array of at most 250 entities (amoCRM's batch cap,
/// amocrm-api-php#255). Every write that reaches a handler is recorded in <see cref="SimulatorState.Writes"/>.
/// </summary>
internal static class WriteRequests
{
    public const int MaxEntities = 250;

    public static RequestDelegate Handle(SimulatorRuntime runtime, Func<HttpContext, JsonElement, ApiResponse> handler) => async context =>
    {
        using var document = await TryParseAsync(context);
        var root = document?.RootElement;
        var count = root is { ValueKind: JsonValueKind.Array } array ? array.GetArrayLength() : 0;
        var response = root is not { ValueKind: JsonValueKind.Array } items ? Problems.BadRequest("Request body must be a JSON array")
            : count == 0 ? Problems.BadRequest("Request body must not be empty")
            : count > MaxEntities ? Problems.BadRequest($"Too many entities in one request: {count} (at most {MaxEntities})")
            : handler(context, items);
        runtime.State.RecordWrite(new SimWriteRequest(
            context.Request.Method, context.Request.Path.Value ?? "", count, runtime.Time.GetUtcNow(), response.Status));
        await response.WriteAsync(context);
    };

    /// <summary>The request id a client sent with an item, or the item's index as amoCRM reports it.</summary>
    public static string RequestIdOf(JsonElement item, int index) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("request_id", out var id)
            ? (id.ValueKind == JsonValueKind.String ? id.GetString() ?? "" : id.GetRawText())
            : index.ToString(CultureInfo.InvariantCulture);

    public static string? StringOf(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static long? LongOf(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number)
            ? number
            : null;

    private static async Task<JsonDocument?> TryParseAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

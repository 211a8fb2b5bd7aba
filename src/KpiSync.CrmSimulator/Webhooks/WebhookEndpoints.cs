using System.Text.Json;
using KpiSync.CrmSimulator.Api;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Webhooks;

/// <summary>GET/POST/DELETE /api/v4/webhooks (A-whapi): the body is one object, not an array.</summary>
internal static class WebhookEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime)
    {
        app.MapGet("/api/v4/webhooks", context => List(context, runtime).WriteAsync(context));
        app.MapPost("/api/v4/webhooks", context => HandleAsync(context, runtime, body => Subscribe(body, runtime)));
        app.MapDelete("/api/v4/webhooks", context => HandleAsync(context, runtime, body => Unsubscribe(body, runtime)));
    }

    private static async Task HandleAsync(HttpContext context, SimulatorRuntime runtime, Func<JsonElement, ApiResponse> handle)
    {
        JsonDocument? document = null;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
        }

        using (document)
        {
            var response = document?.RootElement is { ValueKind: JsonValueKind.Object } body
                ? handle(body)
                : Problems.BadRequest("Request body must be a JSON object");
            runtime.State.RecordWrite(new SimWriteRequest(
                context.Request.Method, context.Request.Path.Value ?? "", 1, runtime.Time.GetUtcNow(), response.Status));
            await response.WriteAsync(context);
        }
    }

    private static ApiResponse Subscribe(JsonElement body, SimulatorRuntime runtime)
    {
        var errors = new List<ValidationError>();
        var destination = WriteRequests.StringOf(body, "destination");
        if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new ValidationError("0", "InvalidUrl", "destination", "This value is not a valid URL."));
        }

        var settings = body.TryGetProperty("settings", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).Distinct(StringComparer.Ordinal).ToList()
            : [];
        if (settings.Count == 0)
        {
            errors.Add(new ValidationError("0", "NotBlank", "settings", "This value should not be blank."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var entry = runtime.Webhooks.Upsert(destination!, settings, runtime.Time.GetUtcNow().ToUnixTimeSeconds());
        return entry is null
            ? Problems.BadRequest($"An account has at most {WebhookRegistry.MaxWebhooks} webhooks")
            : ApiResponse.Ok(writer => Write(writer, entry));
    }

    private static ApiResponse Unsubscribe(JsonElement body, SimulatorRuntime runtime) =>
        WriteRequests.StringOf(body, "destination") is { } destination && runtime.Webhooks.Remove(destination)
            ? ApiResponse.NoContent
            : Problems.NotFound("Webhook not found");

    private static ApiResponse List(HttpContext context, SimulatorRuntime runtime)
    {
        var entries = runtime.Webhooks.Entries;
        return Paging.Page(context, runtime, "webhooks", entries, 250, Write,
            (writer, _) => writer.WriteNumber("_total_items", entries.Count));
    }

    private static void Write(Utf8JsonWriter writer, WebhookEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", entry.Hook.Id);
        writer.WriteString("destination", entry.Hook.Destination);
        writer.WriteNumber("created_at", entry.CreatedAt);
        writer.WriteNumber("updated_at", entry.UpdatedAt);
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        writer.WriteNumber("created_by", AccountLayout.FirstUserId);
        writer.WriteNumber("sort", 1);
        writer.WriteBoolean("disabled", false);
        writer.WriteStartArray("settings");
        foreach (var setting in entry.Hook.Settings)
        {
            writer.WriteStringValue(setting);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// amoCRM list envelopes: <c>_page</c>, <c>_links.self/next</c> (next absent on the last page) and
/// <c>_embedded</c>. An empty page is a 204 with no body. A limit above the maximum silently becomes 50
/// (amocrm-api-php#210, Krukov/amocrm_api#76).
/// </summary>
internal static class Paging
{
    public const int DefaultLimit = 50;

    public static ApiResponse Page<T>(
        HttpContext context,
        SimulatorRuntime runtime,
        string entities,
        IReadOnlyList<T> items,
        int maxLimit,
        Action<Utf8JsonWriter, T> writeItem,
        Action<Utf8JsonWriter, int>? writeHeader = null)
    {
        var query = context.Request.Query;
        var page = (int)Math.Clamp(QueryFilters.ParseLong(query["page"]) ?? 1, 1, int.MaxValue);
        var requested = QueryFilters.ParseLong(query["limit"]) ?? DefaultLimit;
        var limit = requested < 1 || requested > maxLimit ? DefaultLimit : (int)requested;
        var skip = (long)(page - 1) * limit;
        if (skip >= items.Count)
        {
            return ApiResponse.NoContent;
        }

        var hasNext = skip + limit < items.Count;
        return ApiResponse.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("_page", page);
            writeHeader?.Invoke(writer, limit);
            writer.WriteStartObject("_links");
            WriteLink(writer, "self", PageHref(context, runtime, page, limit));
            if (hasNext)
            {
                WriteLink(writer, "next", PageHref(context, runtime, page + 1, limit));
            }

            writer.WriteEndObject();
            writer.WriteStartObject("_embedded");
            writer.WriteStartArray(entities);
            for (var i = (int)skip; i < Math.Min(items.Count, skip + limit); i++)
            {
                writeItem(writer, items[i]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    public static void WriteLink(Utf8JsonWriter writer, string name, string href)
    {
        writer.WriteStartObject(name);
        writer.WriteString("href", href);
        writer.WriteEndObject();
    }

    public static void WriteSelfLinks(Utf8JsonWriter writer, string href)
    {
        writer.WriteStartObject("_links");
        WriteLink(writer, "self", href);
        writer.WriteEndObject();
    }

    /// <summary>The request's own query with page and limit replaced (appended last, as amoCRM does).</summary>
    private static string PageHref(HttpContext context, SimulatorRuntime runtime, int page, int limit)
    {
        var builder = new StringBuilder(context.Request.Path.Value?.TrimStart('/'));
        var separator = '?';
        foreach (var (key, values) in context.Request.Query)
        {
            if (key is "page" or "limit")
            {
                continue;
            }

            foreach (var value in values)
            {
                builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                separator = '&';
            }
        }

        builder.Append(separator).Append(CultureInfo.InvariantCulture, $"page={page}&limit={limit}");
        return runtime.Href(builder.ToString());
    }
}

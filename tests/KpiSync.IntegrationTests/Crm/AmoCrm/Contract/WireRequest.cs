using System.Net;
using System.Text.Json.Nodes;
using WireMock.Logging;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// What reached the server, read from WireMock's log. Query keys are decoded here: WireMock 1.25 decodes only values,
/// so <c>filter%5Bid%5D%5B%5D</c> would never equal <c>filter[id][]</c> in its own matchers.
/// </summary>
internal static class WireRequest
{
    /// <summary>Every query pair, keys and values decoded, as <c>key=value</c>, sorted (repeated keys stay repeated).</summary>
    public static IReadOnlyList<string> Query(ILogEntry entry) =>
        [.. RawQuery(entry).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => WebUtility.UrlDecode(kv[0]) + "=" + (kv.Length > 1 ? WebUtility.UrlDecode(kv[1]) : ""))
            .Order(StringComparer.Ordinal)];

    public static string RawQuery(ILogEntry entry) => (entry.RequestMessage.RawQuery ?? "").TrimStart('?');

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static JsonNode? Body(ILogEntry entry) => JsonNode.Parse(entry.RequestMessage.Body ?? "null");

    /// <summary>Asserts <paramref name="entry"/>'s JSON body equals <paramref name="expected"/> exactly (no field more or less).</summary>
    public static void AssertBody(string expected, ILogEntry entry)
    {
        var actual = Body(entry);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"body differs.\nexpected: {JsonNode.Parse(expected)?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }

    public static string[] Sorted(params string[] pairs) => [.. pairs.Order(StringComparer.Ordinal)];
}

using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorCatalogTests
{
    [Fact]
    public async Task Catalog_RoundTrip_StoresValuesAsStringsAndRecordsWrites()
    {
        await using var simulator = await AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 }, TestContext.Current.CancellationToken);
        using var client = SimulatorHttp.CreateClient(simulator);
        var before = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/catalogs", "catalogs");

        using var catalogs = await PostAsync(client, "api/v4/catalogs", """[{"name":"KPI","type":"regular"}]""");
        var catalogId = catalogs.RootElement.GetProperty("_embedded").GetProperty("catalogs")[0].GetProperty("id").GetInt64();
        using var fields = await PostAsync(client, $"api/v4/catalogs/{catalogId}/custom_fields",
            """[{"name":"calls","type":"numeric"},{"name":"conversion","type":"numeric"},{"name":"period","type":"text"}]""");
        var fieldIds = fields.RootElement.GetProperty("_embedded").GetProperty("custom_fields").EnumerateArray()
            .Select(field => field.GetProperty("id").GetInt64()).ToArray();
        var (calls, conversion, period) = (fieldIds[0], fieldIds[1], fieldIds[2]);
        using var created = await PostAsync(client, $"api/v4/catalogs/{catalogId}/elements", $$"""
            [{"name":"Anna Petrova","request_id":"a","custom_fields_values":[{"field_id":{{calls}},"values":[{"value":42}]},{"field_id":{{conversion}},"values":[{"value":"0.25"}]},{"field_id":{{period}},"values":[{"value":"2025-05"}]}]},
             {"name":"John Smith","custom_fields_values":[{"field_id":{{calls}},"values":[{"value":"7"}]}]}]
            """);
        var elements = created.RootElement.GetProperty("_embedded").GetProperty("elements");
        var annaId = elements[0].GetProperty("id").GetInt64();
        using var patched = await PostAsync(client, $"api/v4/catalogs/{catalogId}/elements", $$"""
            [{"id":{{annaId}},"custom_fields_values":[{"field_id":{{calls}},"values":[{"value":43.5}]},{"field_id":{{period}},"values":null}]}]
            """, HttpMethod.Patch);
        using var invalid = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Patch, $"api/v4/catalogs/{catalogId}/elements",
            $$"""[{"id":{{annaId}},"custom_fields_values":[{"field_id":{{calls}},"values":[{"value":"lots"}]}]}]""");
        var readBack = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/catalogs/{catalogId}/elements?limit=250", "elements");

        Assert.Equal(["invoices"], before.Select(catalog => catalog.GetProperty("type").GetString()));
        Assert.Equal("a", elements[0].GetProperty("request_id").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("validation-errors", await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var anna = readBack.Single(element => element.GetProperty("id").GetInt64() == annaId);
        Assert.Equal(new Dictionary<long, string> { [calls] = "43.5", [conversion] = "0.25" }, ValuesOf(anna));
        Assert.Equal(new Dictionary<long, string> { [calls] = "7" }, ValuesOf(readBack.Single(element => element.GetProperty("id").GetInt64() != annaId)));

        var catalog = Assert.Single(simulator.State.Catalogs);
        Assert.Equal(("KPI", "regular"), (catalog.Name, catalog.Type));
        Assert.Equal(["calls", "conversion", "period"], catalog.Fields.Select(field => field.Name));
        Assert.Equal("43.5", catalog.Elements.Single(element => element.Id == annaId).Values[calls]);
        Assert.False(catalog.Elements.Single(element => element.Id == annaId).Values.ContainsKey(period));
        Assert.Equal([1, 3, 2, 1, 1], simulator.State.Writes.Select(write => write.EntityCount));
        Assert.Equal(["POST", "POST", "POST", "PATCH", "PATCH"], simulator.State.Writes.Select(write => write.Method));
        Assert.Equal(400, simulator.State.Writes[^1].StatusCode);
    }

    [Fact]
    public async Task Elements_MoreThan250InOneRequest_Returns400()
    {
        await using var simulator = await AmoCrmSimulator.StartAsync(
            new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 }, TestContext.Current.CancellationToken);
        using var client = SimulatorHttp.CreateClient(simulator);
        using var catalogs = await PostAsync(client, "api/v4/catalogs", """[{"name":"KPI"}]""");
        var catalogId = catalogs.RootElement.GetProperty("_embedded").GetProperty("catalogs")[0].GetProperty("id").GetInt64();
        var items = string.Join(',', Enumerable.Range(0, 251).Select(i => $$"""{"name":"e{{i}}"}"""));

        using var response = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, $"api/v4/catalogs/{catalogId}/elements", $"[{items}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(simulator.State.Catalogs[0].Elements);
        Assert.Equal(251, simulator.State.Writes[^1].EntityCount);
    }

    private static Dictionary<long, string> ValuesOf(JsonElement element) =>
        element.GetProperty("custom_fields_values").EnumerateArray().ToDictionary(
            value => value.GetProperty("field_id").GetInt64(),
            value => value.GetProperty("values")[0].GetProperty("value").GetString()!);

    private static async Task<JsonDocument> PostAsync(HttpClient client, string url, string json, HttpMethod? method = null)
    {
        using var response = await SimulatorHttp.SendJsonAsync(client, method ?? HttpMethod.Post, url, json);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }
}

using System.Globalization;
using System.Net;
using KpiSync.IntegrationTests.CrmSimulator;
using KpiSync.IntegrationTests.Support;
using KpiSync.Publishing;

namespace KpiSync.IntegrationTests.Publishing;

/// <summary>
/// The KPI list's fields in the CRM (the simulator over loopback, a real PostgreSQL): named for reps in their language,
/// found by code, so a rename in the CRM keeps the push working and a list of an earlier version is adopted in place.
/// </summary>
public sealed class KpiListFieldTests(PostgresServer server)
{
    private const string Period = "2026-10";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The fields earlier versions made.</summary>
    private static IReadOnlyList<string> Keys => [.. PublishedIndicators.Choosable, KpiPublisher.PeriodField];

    [Fact]
    public async Task Push_FieldRenamedInCrm_WritesTheRenamedFieldAndCreatesNone()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Push_FieldRenamedInCrm_WritesTheRenamedFieldAndCreatesNone));
        await h.RunCycleAsync();
        var before = Assert.Single(h.Simulator.State.Catalogs, c => c.Name == "KPI");
        var calls = Assert.Single(before.Fields, f => f.Code == "calls");
        using var client = SimulatorHttp.CreateClient(h.Simulator);
        using (var renamed = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Patch, $"api/v4/catalogs/{before.Id}/custom_fields",
            $$"""[{"id":{{calls.Id}},"name":"Мои звонки"}]"""))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        var employee = await h.ScalarAsync<long>($"""
            with e as (select min(employee_id) as id from kpisync.kpi_values where period = '{Period}' and indicator = 'calls')
            update kpisync.kpi_values k set value = coalesce(k.value, 0) + 1000 from e
            where k.employee_id = e.id and k.period = '{Period}' and k.indicator = 'calls' returning k.employee_id
            """);
        var value = await h.ScalarAsync<decimal>($"select value from kpisync.kpi_values where employee_id = {employee} and period = '{Period}' and indicator = 'calls'");
        var name = await h.ScalarAsync<string>($"select name from kpisync.crm_users where crm_id = {employee}");

        var result = await h.Get<KpiPublisher>().PushAsync(await h.ConnectionAsync(), Ct);

        Assert.Equal(new PushResult(0, 1, 1), result);
        var after = Assert.Single(h.Simulator.State.Catalogs, c => c.Name == "KPI");
        Assert.Equal(before.Fields.Select(f => (f.Id, f.Code)), after.Fields.Select(f => (f.Id, f.Code)));
        Assert.Equal("Мои звонки", after.Fields.Single(f => f.Id == calls.Id).Name);
        var element = Assert.Single(after.Elements, e => e.Name == name);
        Assert.Equal(value, decimal.Parse(element.Values[calls.Id]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Push_ListOfAnEarlierVersion_AdoptsItsFieldsAndElementsInPlace()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Push_ListOfAnEarlierVersion_AdoptsItsFieldsAndElementsInPlace));
        using var client = SimulatorHttp.CreateClient(h.Simulator);
        // What earlier versions made: fields named after the keys, with no code, and an element per rep.
        var catalogId = await CreateAsync(client, "api/v4/catalogs", """[{"name":"KPI","type":"regular"}]""", "catalogs");
        var oldFields = string.Join(",", Keys.Select(k => $$"""{"name":"{{k}}","type":"{{(k == KpiPublisher.PeriodField ? "text" : "numeric")}}"}"""));
        await CreateAsync(client, $"api/v4/catalogs/{catalogId}/custom_fields", $"[{oldFields}]", "custom_fields");
        var old = Assert.Single(h.Simulator.State.Catalogs).Fields.ToDictionary(f => f.Name, f => f.Id);
        var rep = h.Simulator.State.Users[0].Name;
        var elementId = await CreateAsync(client, $"api/v4/catalogs/{catalogId}/elements",
            $$"""[{"name":"{{rep}}","custom_fields_values":[{"field_id":{{old["calls"]}},"values":[{"value":"99999"}]}]}]""", "elements");

        await h.RunCycleAsync();

        var catalog = Assert.Single(h.Simulator.State.Catalogs);
        var language = FieldNames.LanguageOf(h.Simulator.State.Users.Select(u => u.Lang), "RU");
        Assert.Equal(Keys.Select(k => (old[k], k, FieldNames.Of(k, language))).Order(),
            catalog.Fields.Where(f => f.Code != KpiPublisher.AsOfField).Select(f => (f.Id, f.Code!, f.Name)).Order());
        // "Data as of" came later than these lists: it is the one field created.
        Assert.Equal(FieldNames.Of(KpiPublisher.AsOfField, language), Assert.Single(catalog.Fields, f => f.Code == KpiPublisher.AsOfField).Name);
        Assert.Equal(h.Simulator.State.Users.Count, catalog.Elements.Count);
        var element = Assert.Single(catalog.Elements, e => e.Name == rep);
        Assert.Equal(elementId, element.Id);
        var employee = h.Simulator.State.Users[0].Id;
        var calls = await h.ScalarAsync<decimal>($"select value from kpisync.kpi_values where employee_id = {employee} and period = '{Period}' and indicator = 'calls'");
        Assert.Equal(calls, decimal.Parse(element.Values[old["calls"]]!, CultureInfo.InvariantCulture));
        Assert.Equal(Period, element.Values[old[KpiPublisher.PeriodField]]);
    }

    private static async Task<long> CreateAsync(HttpClient client, string url, string json, string embedded)
    {
        using var response = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, url, json);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("_embedded").GetProperty(embedded)[0].GetProperty("id").GetInt64();
    }
}

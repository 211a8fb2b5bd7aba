using System.Globalization;
using System.Net;
using System.Text.Json;
using KpiSync.CrmSimulator;

namespace KpiSync.IntegrationTests.CrmSimulator;

public sealed class AmoCrmSimulatorLeadDetailsTests
{
    [Fact]
    public async Task ApiFilterDisabled_AccountSaysSo_AndLeadsIgnoreUpdatedAtFilter()
    {
        await using var disabled = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0, ApiFilterEnabled = false });
        await using var enabled = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(disabled);
        using var enabledClient = SimulatorHttp.CreateClient(enabled);
        var future = SimulatorHttp.Anchor.AddDays(1).ToUnixTimeSeconds();

        using var account = await SimulatorHttp.GetJsonAsync(client, "api/v4/account?with=is_api_filter_enabled");
        using var enabledAccount = await SimulatorHttp.GetJsonAsync(enabledClient, "api/v4/account?with=is_api_filter_enabled");
        var all = await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/leads?filter[updated_at][from]={future}&order[updated_at]=desc&limit=250", "leads");
        using var none = await enabledClient.GetAsync(new Uri($"api/v4/leads?filter[updated_at][from]={future}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.False(account.RootElement.GetProperty("is_api_filter_enabled").GetBoolean());
        Assert.True(enabledAccount.RootElement.GetProperty("is_api_filter_enabled").GetBoolean());
        Assert.Equal(disabled.State.Leads.Count, all.Count);
        var updated = all.Select(lead => lead.GetProperty("updated_at").GetInt64()).ToList();
        Assert.Equal(updated.OrderDescending(), updated);
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
    }

    [Fact]
    public async Task WithCatalogElements_LinksToTheInvoicesCatalogWithBillFields()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        var leads = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/leads?with=catalog_elements,source_id,loss_reason&limit=250", "leads");
        var catalogs = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/catalogs", "catalogs");
        var invoicesCatalog = Assert.Single(catalogs);
        var catalogId = invoicesCatalog.GetProperty("id").GetInt64();
        var invoices = (await SimulatorHttp.GetAllItemsAsync(client, $"api/v4/catalogs/{catalogId}/elements?limit=250", "elements"))
            .ToDictionary(element => element.GetProperty("id").GetInt64());
        using var readOnly = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, $"api/v4/catalogs/{catalogId}/elements", """[{"name":"x"}]""");

        Assert.Equal(("Счета/Покупки", "invoices"), (invoicesCatalog.GetProperty("name").GetString(), invoicesCatalog.GetProperty("type").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, readOnly.StatusCode);
        var won = leads.Where(lead => lead.GetProperty("status_id").GetInt64() == 142).ToList();
        var linked = leads.Where(lead => lead.GetProperty("_embedded").GetProperty("catalog_elements").GetArrayLength() > 0).ToList();
        Assert.InRange(linked.Count(lead => lead.GetProperty("status_id").GetInt64() == 142), won.Count * 5 / 10, won.Count * 9 / 10);
        Assert.Equal(invoices.Count, linked.Count);
        foreach (var lead in linked)
        {
            var link = Assert.Single(lead.GetProperty("_embedded").GetProperty("catalog_elements").EnumerateArray());
            Assert.Equal(catalogId, link.GetProperty("metadata").GetProperty("catalog_id").GetInt64());
            Assert.Equal(1, link.GetProperty("metadata").GetProperty("quantity").GetInt32());
            var fields = invoices[link.GetProperty("id").GetInt64()].GetProperty("custom_fields_values").EnumerateArray()
                .ToDictionary(field => field.GetProperty("field_code").GetString()!, field => field.GetProperty("values")[0]);
            var status = fields["BILL_STATUS"].GetProperty("enum_code").GetString();
            Assert.Contains(status, (string[])["created", "paid", "partially_paid"]);
            Assert.Equal(lead.GetProperty("price").GetInt64(), long.Parse(fields["BILL_PRICE"].GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(status != "created", fields.TryGetValue("BILL_PAYMENT_DATE", out var paidAt) && paidAt.GetProperty("value").ValueKind == JsonValueKind.Number);
        }

        Assert.All(leads, lead => Assert.True(lead.TryGetProperty("source_id", out _)));
        Assert.Contains(leads, lead => lead.GetProperty("source_id").ValueKind == JsonValueKind.Number);
        Assert.Contains(leads, lead => lead.GetProperty("_embedded").TryGetProperty("loss_reason", out var reason) && reason[0].GetProperty("name").GetString()!.Length > 0);
        Assert.Contains(leads, lead => lead.GetProperty("_embedded").GetProperty("tags").EnumerateArray().Any(tag => tag.GetProperty("name").GetString() == "VIP"));
        Assert.InRange(won.Count(lead => lead.GetProperty("labor_cost").ValueKind == JsonValueKind.Number), won.Count / 6, won.Count / 2);
    }

    [Fact]
    public async Task LeadCustomFields_AreListed_AndValuesUseAmoCrmTypes()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        var fields = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/leads/custom_fields", "custom_fields");
        var leads = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/leads?limit=250", "leads");

        Assert.Equal(["Сегмент", "Продукт", "Себестоимость", "Оплачено", "Срок оплаты"], fields.Select(field => field.GetProperty("name").GetString()));
        Assert.Equal(["SMB", "Mid-market", "Enterprise"], fields[0].GetProperty("enums").EnumerateArray().Select(option => option.GetProperty("value").GetString()));
        Assert.Equal(5, fields[1].GetProperty("enums").GetArrayLength());
        Assert.All(leads, lead =>
        {
            var values = lead.GetProperty("custom_fields_values");
            Assert.True(values.ValueKind == JsonValueKind.Null || values.GetArrayLength() > 0);
        });
        var values = leads.Where(lead => lead.GetProperty("custom_fields_values").ValueKind == JsonValueKind.Array)
            .SelectMany(lead => lead.GetProperty("custom_fields_values").EnumerateArray().Select(field => (Lead: lead, Field: field)))
            .ToList();
        Assert.True(values.Count(value => value.Field.GetProperty("field_name").GetString() == "Сегмент") > leads.Count * 7 / 10);
        foreach (var (lead, field) in values)
        {
            var value = field.GetProperty("values")[0];
            Assert.Equal(JsonValueKind.Null, field.GetProperty("field_code").ValueKind);
            switch (field.GetProperty("field_type").GetString())
            {
                case "numeric":
                    var amount = decimal.Parse(value.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                    Assert.InRange(amount, 0, lead.GetProperty("price").GetDecimal());
                    Assert.Equal(142, lead.GetProperty("status_id").GetInt64());
                    break;
                case "date":
                    Assert.True(value.GetProperty("value").GetInt64() > lead.GetProperty("closed_at").GetInt64());
                    break;
                default:
                    Assert.True(value.GetProperty("enum_id").GetInt64() > 0);
                    break;
            }
        }
    }

    [Fact]
    public async Task Catalogs_ClientCreatedKpi_IsTheOnlyOneInStateAndFoundByName()
    {
        await using var simulator = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, RequestsPerSecond = 0 });
        using var client = SimulatorHttp.CreateClient(simulator);

        using var created = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/catalogs", """[{"name":"KPI","type":"regular"}]""");
        using var secondInvoices = await SimulatorHttp.SendJsonAsync(client, HttpMethod.Post, "api/v4/catalogs", """[{"name":"More bills","type":"invoices"}]""");
        var catalogs = await SimulatorHttp.GetAllItemsAsync(client, "api/v4/catalogs", "catalogs");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, secondInvoices.StatusCode);
        Assert.Equal(["Счета/Покупки", "KPI"], catalogs.Select(catalog => catalog.GetProperty("name").GetString()));
        Assert.Single(catalogs, catalog => catalog.GetProperty("name").GetString() == "KPI");
        Assert.Equal("KPI", Assert.Single(simulator.State.Catalogs).Name);
    }

    [Fact]
    public async Task Volume_Two_GivesAboutTwiceTheData()
    {
        await using var single = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, Employees = 4, Months = 2 });
        await using var doubled = await StartAsync(new SimulatorOptions { Anchor = SimulatorHttp.Anchor, Employees = 4, Months = 2, Volume = 2 });

        Assert.InRange(doubled.State.Leads.Count, single.State.Leads.Count * 1.8, single.State.Leads.Count * 2.2);
        Assert.InRange(doubled.State.Notes.Count, single.State.Notes.Count * 1.7, single.State.Notes.Count * 2.3);
        Assert.InRange(doubled.State.Tasks.Count, single.State.Tasks.Count * 1.6, single.State.Tasks.Count * 2.4);
    }

    private static Task<AmoCrmSimulator> StartAsync(SimulatorOptions options) =>
        AmoCrmSimulator.StartAsync(options, TestContext.Current.CancellationToken);
}

using System.Globalization;
using KpiSync.IntegrationTests.Support;
using KpiSync.Sync;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>
/// The invoices catalog is read by page number, so an invoice that changes while it is read can come twice: its pages
/// are stored together, and what it was last read as is what counts.
/// </summary>
public sealed class InvoiceReadContractTests(AmoContractHost host) : IClassFixture<AmoContractHost>
{
    private const long Catalog = 77;
    private const long Lead = 1000;
    private const long Responsible = 123123;
    private static readonly long Base = CycleHarness.Now.AddDays(-30).ToUnixTimeSeconds();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("created", "paid", true)]
    [InlineData("paid", "created", false)]
    public async Task Sync_InvoiceReadTwiceInOneBatch_CountsAsLastRead(string first, string last, bool paymentCounts)
    {
        var connection = await host.StartTestAsync();
        Serve(first, last);

        await host.Get<ConnectionSynchronizer>().SyncAsync(connection, SyncRequest.Incremental, Ct);

        Assert.Equal(2, host.Requests.Count(r => r.RequestMessage.Path == $"/api/v4/catalogs/{Catalog}/elements"));
        Assert.Equal("invoice", await KindAsync(connection.Id, "invoice:501"));
        Assert.Equal(paymentCounts, await KindAsync(connection.Id, "invoice:501:paid") == "invoice_payment");
        Assert.Equal("invoice_payment", await KindAsync(connection.Id, "invoice:502:paid"));
    }

    private Task<string?> KindAsync(int connectionId, string key) =>
        host.ScalarAsync<string?>("select kind from kpisync.funnel_events where connection_id = @c and source_key = @k", ("c", connectionId), ("k", key));

    /// <summary>One lead linking invoices 501 and 502; page 1 holds 501 as <paramref name="first"/>, page 2 holds 502 and 501
    /// again as <paramref name="last"/> (it changed and moved behind 502 while page 1 was stored).</summary>
    private void Serve(string first, string last)
    {
        Static("/api/v4/account", AmoContractHost.Fixture("amocrm-account.json"));
        Static("/api/v4/users", $$$"""{"_page":1,"_links":{"self":{"href":"x"}},"_embedded":{"users":{{{AmoContractHost.Fixture("amocrm-users.json")}}}}}""");
        Static("/api/v4/leads/pipelines", AmoContractHost.Fixture("amocrm-pipelines.json"));
        Static("/api/v4/catalogs", $$$"""{"_page":1,"_links":{"self":{"href":"x"}},"_embedded":{"catalogs":[{"id":{{{S(Catalog)}}},"name":"Счета","type":"invoices"}]}}""");
        host.Server.Given(Request.Create().UsingGet().WithPath("/api/v4/leads/custom_fields")).RespondWith(Response.Create().WithStatusCode(204));
        foreach (var empty in (string[])["/api/v4/events", "/api/v4/leads/notes", "/api/v4/tasks"])
        {
            host.Server.Given(Request.Create().UsingGet().WithPath(empty)).RespondWith(Response.Create().WithStatusCode(204));
        }

        var lead = $$$"""
            {"id":{{{S(Lead)}}},"name":"Deal","price":5000,"responsible_user_id":{{{S(Responsible)}}},"group_id":0,"status_id":142,"pipeline_id":3177727,
             "loss_reason_id":null,"created_by":0,"updated_by":0,"created_at":{{{S(Base)}}},"updated_at":{{{S(Base + 60)}}},"closed_at":{{{S(Base + 60)}}},
             "closest_task_at":null,"is_deleted":false,"custom_fields_values":null,"score":null,"account_id":1,
             "_embedded":{"tags":[],"catalog_elements":[{"id":501,"metadata":{"quantity":1,"catalog_id":{{{S(Catalog)}}}}},
                                                       {"id":502,"metadata":{"quantity":1,"catalog_id":{{{S(Catalog)}}}}}]}}
            """;
        List("/api/v4/leads", new ShuffledAmoList("leads", [new ListRecord(Lead, Base, Base + 60, lead)], seed: 1));
        host.Server.Given(Request.Create().UsingGet().WithPath($"/api/v4/catalogs/{Catalog}/elements")).RespondWith(Response.Create().WithCallback(request =>
        {
            var query = System.Net.WebUtility.UrlDecode(request.RawQuery ?? "");
            if (query.Contains("filter[id][]", StringComparison.Ordinal))
            {
                return Answers.NoContent();
            }

            return query.Contains("page=1", StringComparison.Ordinal)
                ? Page(1, next: true, Invoice(501, first, Base + 100))
                : Page(2, next: false, Invoice(502, "paid", Base + 100), Invoice(501, last, Base + 200));
        }));
    }

    private static WireMock.ResponseMessage Page(int page, bool next, params string[] invoices) => Answers.Json($$$"""
        {"_page":{{{page}}},"_links":{"self":{"href":"x"}{{{(next ? ""","next":{"href":"y"}""" : "")}}}},"_embedded":{"elements":[{{{string.Join(",", invoices)}}}]}}
        """);

    private static string Invoice(long id, string status, long updatedAt) => $$"""
        {"id":{{S(id)}},"name":"Invoice {{S(id)}}","created_at":{{S(Base + 10)}},"updated_at":{{S(updatedAt)}},"is_deleted":false,"custom_fields_values":[
          {"field_id":1,"field_code":"BILL_STATUS","values":[{"value":"{{status}}","enum_code":"{{status}}"}]},
          {"field_id":2,"field_code":"BILL_PRICE","values":[{"value":"1000"}]}]}
        """;

    private void Static(string path, string body) =>
        host.Server.Given(Request.Create().UsingGet().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/hal+json").WithBody(body));

    private void List(string path, ShuffledAmoList list) =>
        host.Server.Given(Request.Create().UsingGet().WithPath(path)).RespondWith(Response.Create().WithCallback(list.Answer));

    private static string S(long v) => v.ToString(CultureInfo.InvariantCulture);
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using KpiSync.IntegrationTests.Recompute;
using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The Schemes page over real HTTP: an invalid scheme shows each error under the JSON line it belongs to and
/// stores nothing; a valid upload (a real multipart file) is stored with the signed-in admin as author; assignments
/// and plans CSV go through the same rules as the CLI.</summary>
public sealed class SchemesPageTests(PostgresServer server)
{
    private const string Invalid = """
        {
          "name": "Sales",
          "fixed": 50000,
          "indicators": [
            { "key": "calls", "weight": 0.5, "direction": "higher_is_better" },
            { "key": "conversion", "weight": 1.5, "direction": "higher_is_better" }
          ],
          "components": [ { "kind": "linear_bonus", "variable": 240, "treshold": 0.7 } ]
        }
        """;

    [Fact]
    public async Task InvalidScheme_ErrorsShownUnderTheirLines_NothingStored_ValidFileStoredWithTheAdminAsAuthor()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(InvalidScheme_ErrorsShownUnderTheirLines_NothingStored_ValidFileStoredWithTheAdminAsAuthor));
        await using var _ = h;
        await h.RunCycleAsync();
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        using var invalid = await client.PostFormAsync("admin/schemes?handler=Upload", new() { ["Connection"] = "sim", ["Json"] = Invalid, ["From"] = "" });
        var html = await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("error(s); nothing was stored", html, StringComparison.Ordinal);
        Assert.Contains("weight&quot;: 1.5", ErrorRow(html, "$.indicators[1].weight"), StringComparison.Ordinal);
        Assert.Contains("treshold", ErrorRow(html, "$.components[0].treshold"), StringComparison.Ordinal);
        Assert.Contains("&quot;indicators&quot;: [", ErrorRow(html, "$.indicators"), StringComparison.Ordinal);   // weights add up to 2
        Assert.Contains("treshold&quot;: 0.7", html, StringComparison.Ordinal);   // the textarea keeps what was typed
        using var malformed = await client.PostFormAsync("admin/schemes?handler=Upload", new() { ["Connection"] = "sim", ["Json"] = "{\n  \"name\": \"x\",\n  \"fixed\": ,\n}" });
        Assert.Contains("fixed&quot;: ,", ErrorRow(await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "$"), StringComparison.Ordinal);
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_schemes"));
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.audit_log"));

        using var upload = new MultipartFormDataContent
        {
            { new StringContent("sim"), "Connection" },
            { new StringContent(await client.TokenAsync("admin/schemes?connection=sim")), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(SchemeFixture.Json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        upload.Add(file, "SchemeFile", "sales.json");
        using var stored = await client.Http.PostAsync(new Uri("admin/schemes?handler=Upload", UriKind.Relative), upload, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, stored.StatusCode);
        Assert.Equal("Sales|1|0001-01|admin", await h.ScalarAsync<string>("select concat_ws('|', name, version, effective_from, author) from kpisync.kpi_schemes"));
        Assert.Equal("admin", await h.ScalarAsync<string>("select actor from kpisync.audit_log where action = 'scheme.version'"));
        var list = await client.GetStringAsync("admin/schemes?connection=sim");
        Assert.Matches(@"<td>Sales</td><td class=""num"">1</td><td>always</td><td>admin</td>", list);
        var version = await client.GetStringAsync("admin/schemes/version?connection=sim&name=Sales&version=1");
        Assert.Contains("&quot;per_unit_penalty&quot;", version, StringComparison.Ordinal);

        // A second version may not take effect inside the running month: the error shows beside the field.
        using var early = await client.PostFormAsync("admin/schemes?handler=Upload", new() { ["Connection"] = "sim", ["Json"] = SchemeFixture.Json, ["From"] = "2026-10" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("data-field=\"From\">A scheme change takes effect from the next period at the earliest (2026-11)",
            await early.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(1L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_schemes"));
    }

    [Fact]
    public async Task AssignAndPlans_StoredWithTheAdmin_BadPlansCsvStoresNothing()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(AssignAndPlans_StoredWithTheAdmin_BadPlansCsvStoresNothing));
        await using var _ = h;
        await h.RunCycleAsync();
        var connection = await h.ConnectionAsync();
        await h.Get<KpiSync.Storage.SchemeStore>().AddVersionAsync(connection.Id, SchemeFixture.Scheme, connection.ResolveTimeZone(), "director", null, TestContext.Current.CancellationToken);
        var employee = await h.ScalarAsync<long>("select min(crm_id) from kpisync.crm_users");
        using var client = new DashboardClient(url);
        await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        using var assign = await client.PostFormAsync("admin/schemes?handler=Assign",
            new() { ["Connection"] = "sim", ["Employee"] = employee.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AssignScheme"] = "Sales" }, "admin/schemes");
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        Assert.Equal($"{employee}|Sales|0001-01|admin", await h.ScalarAsync<string>("select concat_ws('|', employee_id, scheme_name, effective_from, author) from kpisync.employee_schemes"));
        using var noScheme = await client.PostFormAsync("admin/schemes?handler=Assign", new() { ["Connection"] = "sim", ["Employee"] = "1", ["AssignScheme"] = "Nope" }, "admin/schemes");
        Assert.Equal(HttpStatusCode.BadRequest, noScheme.StatusCode);
        var errors = await noScheme.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-field=\"Employee\">Choose an employee.", errors, StringComparison.Ordinal);
        Assert.Contains("data-field=\"AssignScheme\">Choose a stored scheme.", errors, StringComparison.Ordinal);

        using var bad = await client.PostFormAsync("admin/schemes?handler=Plans", new()
        {
            ["Connection"] = "sim", ["PlansText"] = $"employee;period;indicator;plan\n{employee};2026-11;calls;20\nnobody;2026-11;calls;20\n{employee};11/2026;calls;x",
        }, "admin/schemes");
        var badHtml = await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("2 bad line(s); nothing was imported", badHtml, StringComparison.Ordinal);
        Assert.Contains("line 3: no single employee &#x27;nobody&#x27;", badHtml, StringComparison.Ordinal);
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.kpi_plans"));

        using var good = await client.PostFormAsync("admin/schemes?handler=Plans", new()
        {
            ["Connection"] = "sim", ["PlansText"] = $"employee;period;indicator;plan\r\n{employee};2026-11;calls;20\r\n{employee};2026-11;conversion;0,3\r\n",
        }, "admin/schemes");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("calls=20|conversion=0.3", await h.ScalarAsync<string>("select string_agg(indicator || '=' || plan, '|' order by indicator) from kpisync.kpi_plans"));
    }

    /// <summary>The annotated row of the submitted JSON that carries the error at <paramref name="path"/>.</summary>
    private static string ErrorRow(string html, string path)
    {
        var row = Regex.Matches(html, "<tr class=\"has-error\">.*?</tr>", RegexOptions.Singleline).Select(m => m.Value)
            .FirstOrDefault(r => r.Contains($"data-path=\"{path}\"", StringComparison.Ordinal));
        Assert.True(row is not null, $"no error row for {path} in: " + string.Join("\n", Regex.Matches(html, "data-path=\"[^\"]*\"").Select(m => m.Value)));
        return row;
    }
}

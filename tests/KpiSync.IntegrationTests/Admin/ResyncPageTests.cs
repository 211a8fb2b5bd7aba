using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Admin;

/// <summary>The resync form and its confirmation over real HTTP: an error box only when there is an error.</summary>
public sealed class ResyncPageTests(PostgresServer server)
{
    [Fact]
    public async Task FormAndConfirmation_HaveNoErrorBox_AnInvalidRangeHasOneWithTheReason()
    {
        var (h, url) = await DashboardHost.StartAsync(server, nameof(FormAndConfirmation_HaveNoErrorBox_AnInvalidRangeHasOneWithTheReason));
        await using var _ = h;
        using var client = new DashboardClient(url);
        using var signedIn = await client.SignInAsync(DashboardHost.User, DashboardHost.Password);

        var form = await client.GetStringAsync("admin/resync?connection=sim");
        using var review = await client.PostFormAsync("admin/resync?handler=Review", new() { ["Connection"] = "sim" }, "admin/resync");
        var confirmation = await review.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var invalid = await client.PostFormAsync("admin/resync?handler=Review",
            new() { ["Connection"] = "sim", ["From"] = "2026-10-10", ["To"] = "2026-10-01" }, "admin/resync");
        var rejected = System.Net.WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("id=\"review-resync\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"error", form, StringComparison.Ordinal);
        Assert.Contains("id=\"start-resync\"", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"error", confirmation, StringComparison.Ordinal);
        Assert.Contains("class=\"error validation-summary-errors\"", rejected, StringComparison.Ordinal);
        Assert.Contains("'To' is before 'From'.", rejected, StringComparison.Ordinal);
    }
}

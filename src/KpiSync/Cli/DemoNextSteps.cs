using KpiSync.Storage;
using KpiSync.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KpiSync.Cli;

/// <summary>The demo's last words: where the dashboard is and how to sign in to it.</summary>
internal static class DemoNextSteps
{
    public static async Task WriteAsync(KpiSyncSession session, HostMode mode, TextWriter output, CancellationToken ct)
    {
        var dashboard = DashboardUrl(session, mode);
        await output.WriteLineAsync(mode == HostMode.Serve
            ? $"Dashboard: {dashboard}"
            : $"Dashboard: run 'kpisync demo' (or 'kpisync serve') without --once and open {dashboard}");
        var admins = await session.Services.GetRequiredService<AdminStore>().ListAsync(ct);
        await output.WriteLineAsync(admins.Count == 0
            ? "No dashboard admin yet; create the first one with: kpisync admins add --user admin"
            : $"Sign in as {(admins.Count == 1 ? $"'{admins[0].UserName}'" : $"one of the {admins.Count} admins ('kpisync admins list')")}.");
    }

    private static string DashboardUrl(KpiSyncSession session, HostMode mode)
    {
        // A started server knows its real addresses (port 0 is resolved); otherwise the configured ones.
        var addresses = mode == HostMode.Serve
            ? session.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList()
            : null;
        var first = addresses is { Count: > 0 } ? addresses[0]
            : session.Services.GetRequiredService<IConfiguration>()["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://127.0.0.1:5080";
        var uri = new UriBuilder(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)) { Path = "/admin" };
        return uri.Uri.ToString();
    }
}

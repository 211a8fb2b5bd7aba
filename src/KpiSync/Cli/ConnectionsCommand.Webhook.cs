using System.CommandLine;
using KpiSync.Crm.AmoCrm;
using KpiSync.Hosting;
using KpiSync.Storage;
using KpiSync.Webhooks;

namespace KpiSync.Cli;

internal static partial class ConnectionsCommand
{
    /// <summary>The amoCRM events that make KpiSync sync at once.</summary>
    private static readonly string[] WebhookSettings =
        ["add_lead", "update_lead", "status_lead", "responsible_lead", "delete_lead", "restore_lead", "note_lead", "add_task", "update_task"];

    private static Command Webhook()
    {
        var name = CliOptions.ConnectionName();
        var publicUrl = new Option<string>("--public-url") { Description = "Where amoCRM reaches this KpiSync, e.g. https://kpisync.example.com", Required = true };
        var register = new Option<bool>("--register") { Description = "Also register the URL in amoCRM (POST /api/v4/webhooks; needs an admin token)" };
        var command = new Command("webhook", "Make a new secret webhook URL for near-real-time sync (the old one stops working)") { name, publicUrl, register };
        command.SetAction(async (parse, ct) =>
        {
            Uri baseUrl = null!;
            if (CliRunner.Check(parse, () => baseUrl = CliOptions.ParseBaseUrl(parse.GetValue(publicUrl))) is { } failed)
            {
                return failed;
            }

            return await CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
            {
                var store = session.Services.GetRequiredService<ConnectionStore>();
                var c = await CliConnections.ResolveAsync(store, parse.GetValue(name), "--name", token);
                var secret = WebhookSecrets.New();
                await store.SetWebhookSecretHashAsync(c.Id, WebhookSecrets.Hash(secret), token);
                var url = WebhooksServiceCollectionExtensions.UrlFor(baseUrl, c.Name, secret);
                if (parse.GetValue(register))
                {
                    await session.Services.GetRequiredService<AmoCrmClientFactory>().Create(c).RegisterWebhookAsync(url, WebhookSettings, token);
                    await output.WriteLineAsync("Registered in amoCRM for: " + string.Join(", ", WebhookSettings));
                }

                await output.WriteLineAsync(url.ToString());
                return 0;
            }, ct);
        });
        return command;
    }
}

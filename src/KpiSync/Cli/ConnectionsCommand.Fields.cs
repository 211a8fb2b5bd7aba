using System.CommandLine;
using KpiSync.Crm.AmoCrm;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

internal static partial class ConnectionsCommand
{
    private static Command Fields()
    {
        var name = CliOptions.ConnectionName();
        var roles = LeadFieldMap.UsualNames.Keys.ToDictionary(r => r, r => new Option<string?>("--" + r)
        {
            Description = $"The lead custom field (name or id) holding the {r} (default: one named {string.Join(" / ", LeadFieldMap.UsualNames[r])})",
        });
        var command = new Command("fields", "Show, or choose, which lead custom fields hold cost, segment, product, paid amount and payment due") { name };
        foreach (var o in roles.Values)
        {
            command.Options.Add(o);
        }

        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var store = session.Services.GetRequiredService<ConnectionStore>();
            var c = await CliConnections.ResolveAsync(store, parse.GetValue(name), "--name", token);
            var chosen = roles.Where(r => parse.GetValue(r.Value) is { Length: > 0 }).ToDictionary(r => r.Key, r => parse.GetValue(r.Value)!.Trim());
            if (chosen.Count > 0)
            {
                await store.SetLeadFieldChoicesAsync(c.Id, chosen, token);
            }

            var client = session.Services.GetRequiredService<AmoCrmClientFactory>().Create(c);
            var fields = await AmoCrmClient.ReadAllAsync(p => client.GetLeadFieldsAsync(p, token));
            var map = LeadFieldMap.Resolve(fields, await store.GetLeadFieldChoicesAsync(c.Id, token));
            foreach (var (role, id) in new[] { ("cost", map.Cost), ("segment", map.Segment), ("product", map.Product), ("paid", map.Paid), ("due", map.Due) })
            {
                var field = fields.FirstOrDefault(f => f.Id == id);
                await output.WriteLineAsync($"{role,-8} {(field is null ? "(not mapped)" : $"{field.Name} (id {field.Id}, {field.Type})")}");
            }

            return 0;
        }, ct));
        return command;
    }
}

using System.Net;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;

namespace KpiSync.Publishing;

internal sealed partial class KpiPublisher
{
    /// <summary>Creates elements and records them; returns the write requests sent. On a 504 (amoCRM: the batch was
    /// too heavy) it re-reads the catalog, keeps only elements that still do not exist, and sends them in halves.</summary>
    private async Task<int> CreateAsync(AmoCrmClient client, CrmConnection connection, long catalogId, ElementWrite[] batch, CancellationToken ct)
    {
        try
        {
            var created = await client.WriteCatalogElementsAsync(catalogId, batch.Select(w => w.Write).ToList(), create: true, ct);
            await states.SaveAsync(connection.Id, batch.Zip(created, (w, e) => (w.EmployeeId, new PushbackState(e.Id, w.Desired))).ToList(), ct);
            return 1;
        }
        catch (CrmApiException e) when (e.StatusCode == HttpStatusCode.GatewayTimeout && batch.Length > 1)
        {
            var existing = (await AmoCrmClient.ReadAllAsync(p => client.GetCatalogElementsAsync(catalogId, p, ct))).ToDictionary(x => x.Name, x => x.Id);
            var done = batch.Where(w => existing.ContainsKey(w.Write.Name!)).ToList();
            await states.SaveAsync(connection.Id, done.Select(w => (w.EmployeeId, new PushbackState(existing[w.Write.Name!], w.Desired))).ToList(), ct);
            var rest = batch.Where(w => !existing.ContainsKey(w.Write.Name!)).ToArray();
            logger.LogWarning("Creating {Count} elements timed out (504); {Done} exist, resending {Rest} in halves", batch.Length, done.Count, rest.Length);
            var half = (rest.Length + 1) / 2;
            return 1 + (rest.Length == 0 ? 0
                : await CreateAsync(client, connection, catalogId, rest[..half], ct) + (rest.Length > half ? await CreateAsync(client, connection, catalogId, rest[half..], ct) : 0));
        }
    }

    /// <summary>Patches elements and records them; a 504 resends the batch in halves (a PATCH is safe to repeat).</summary>
    private async Task<int> UpdateAsync(AmoCrmClient client, CrmConnection connection, long catalogId, ElementWrite[] batch, CancellationToken ct)
    {
        try
        {
            await client.WriteCatalogElementsAsync(catalogId, batch.Select(w => w.Write).ToList(), create: false, ct);
            await states.SaveAsync(connection.Id, batch.Select(w => (w.EmployeeId, new PushbackState(w.Write.Id!.Value, w.Desired))).ToList(), ct);
            return 1;
        }
        catch (CrmApiException e) when (e.StatusCode == HttpStatusCode.GatewayTimeout && batch.Length > 1)
        {
            logger.LogWarning("Updating {Count} elements timed out (504); resending in halves", batch.Length);
            var half = batch.Length / 2;
            return 1 + await UpdateAsync(client, connection, catalogId, batch[..half], ct) + await UpdateAsync(client, connection, catalogId, batch[half..], ct);
        }
    }
}

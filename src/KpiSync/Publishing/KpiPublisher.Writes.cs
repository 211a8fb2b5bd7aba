using System.Net;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;

namespace KpiSync.Publishing;

internal sealed partial class KpiPublisher
{
    private const int CreateAttempts = 4;

    /// <summary>
    /// Creates elements and records them; returns the write requests sent. A create that failed uncertainly (5xx, a
    /// dropped connection) may still have happened, so the catalog is read again, elements that now exist are adopted
    /// by name, and only the rest is sent again: in halves after a 504 (amoCRM: the batch was too heavy), else whole,
    /// a few times at most.
    /// </summary>
    private async Task<int> CreateAsync(AmoCrmClient client, CrmConnection connection, long catalogId, ElementWrite[] batch, CancellationToken ct, int attempt = 1)
    {
        try
        {
            var created = await client.CreateCatalogElementsAsync(catalogId, batch.Select(w => w.Write).ToList(), ct);
            await states.SaveAsync(connection.Id, batch.Zip(created, (w, id) => (w.EmployeeId, new PushbackState(id, w.Desired))).ToList(), ct);
            return 1;
        }
        catch (CrmApiException e) when (Uncertain(e))
        {
            if (attempt >= CreateAttempts && !(e.StatusCode == HttpStatusCode.GatewayTimeout && batch.Length > 1))
            {
                throw;
            }

            var existing = (await AmoCrmClient.ReadAllAsync(p => client.GetCatalogElementsAsync(catalogId, p, ct)))
                .GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().Id);
            var done = batch.Where(w => existing.ContainsKey(w.Write.Name!)).ToList();
            await states.SaveAsync(connection.Id, done.Select(w => (w.EmployeeId, new PushbackState(existing[w.Write.Name!], w.Desired))).ToList(), ct);
            var rest = batch.Where(w => !existing.ContainsKey(w.Write.Name!)).ToArray();
            logger.LogWarning("Creating {Count} elements failed ({Failure}); {Done} exist after all, sending {Rest} again",
                batch.Length, Failure(e), done.Count, rest.Length);
            if (rest.Length == 0)
            {
                return 1;
            }

            if (e.StatusCode == HttpStatusCode.GatewayTimeout && rest.Length > 1)
            {
                var half = (rest.Length + 1) / 2;
                return 1 + await CreateAsync(client, connection, catalogId, rest[..half], ct, attempt)
                    + await CreateAsync(client, connection, catalogId, rest[half..], ct, attempt);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), time, ct);
            return 1 + await CreateAsync(client, connection, catalogId, rest, ct, attempt + 1);
        }
    }

    /// <summary>Patches elements and records them; a 504 resends the batch in halves (a PATCH is safe to repeat).</summary>
    private async Task<int> UpdateAsync(AmoCrmClient client, CrmConnection connection, long catalogId, ElementWrite[] batch, CancellationToken ct)
    {
        try
        {
            await client.UpdateCatalogElementsAsync(catalogId, batch.Select(w => w.Write).ToList(), ct);
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

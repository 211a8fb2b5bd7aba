using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync;

/// <summary>
/// Retries a quarantined record: reads its current version from the CRM by id and runs it through the same stream
/// code as a sync. Stored → the entry is resolved; rejected again → it stays open with the new reason; gone from
/// the CRM → it stays open, saying so.
/// </summary>
internal sealed class QuarantineRetrier(NpgsqlDataSource dataSource, QuarantineStore quarantine, ReferenceDataStore reference,
    AmoCrmClientFactory clients, TimeProvider time)
{
    public async Task<(bool Resolved, string Outcome)> RetryAsync(CrmConnection connection, long entryId, CancellationToken ct)
    {
        var entry = await quarantine.GetAsync(connection.Id, entryId, ct)
            ?? throw new InvalidOperationException($"No quarantine entry {entryId} for connection '{connection.Name}'.");
        var context = new SyncContext(connection, time.GetUtcNow(), await reference.GetStagesAsync(connection.Id, ct));
        var client = clients.Create(connection);
        return entry.Stream switch
        {
            "leads" => await RetryAsync(SyncStreams.Leads, client, context, entry, ct),
            "events" => await RetryAsync(SyncStreams.Events, client, context, entry, ct),
            "calls" => await RetryAsync(SyncStreams.Calls, client, context, entry, ct),
            "tasks" => await RetryAsync(SyncStreams.Tasks, client, context, entry, ct),
            "leads_deleted" => await RetryAsync(SyncStreams.DeletedLeads, client, context, entry, ct),
            _ => throw new InvalidOperationException($"Quarantine entry {entryId} is from stream '{entry.Stream}', which cannot be retried."),
        };
    }

    private async Task<(bool, string)> RetryAsync<T>(SyncStream<T> stream, AmoCrmClient client, SyncContext context, QuarantineRow entry, CancellationToken ct)
    {
        var page = await stream.FetchByIdsAsync(client, [entry.RecordKey], ct);
        if (page.Count == 0)
        {
            await quarantine.UpdateReasonAsync(entry.Id, entry.Raw, "not found in the CRM any more (deleted?)", ct);
            return (false, "the CRM no longer has this record");
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rejected = new List<RejectedRecord>(page.Rejected);
        await stream.StoreAsync(conn, tx, context, page.Items, rejected, ct);
        if (rejected.FirstOrDefault(r => r.Key == entry.RecordKey) is { } again)
        {
            await tx.RollbackAsync(ct);
            await quarantine.UpdateReasonAsync(entry.Id, again.Raw, again.Reason, ct);
            return (false, "still rejected: " + again.Reason);
        }

        await QuarantineStore.SetStatusAsync(conn, tx, entry.Id, "resolved", ct);
        await tx.CommitAsync(ct);
        return (true, "stored");
    }
}

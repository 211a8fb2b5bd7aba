using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KpiSync.Sync;

/// <summary>
/// Compares every current lead id in the CRM with the deals we hold as current. Ids we hold but the CRM did not
/// list are asked for again by id (a listing by page can skip a record when another is deleted mid-read); those
/// still absent become tombstones. Runs every Sync:ReconcileEvery, and on a full sync.
/// </summary>
internal sealed class LeadReconciler(NpgsqlDataSource dataSource, SyncCursorStore cursors, IOptions<SyncOptions> options, ILogger<LeadReconciler> logger)
{
    public const string Stream = "reconcile";

    /// <summary>True before the leads were ever read: the coming read lists every current lead of the account.</summary>
    public async Task<bool> LeadsNeverReadAsync(int connectionId, CancellationToken ct) =>
        await cursors.GetAsync(connectionId, SyncStreams.Leads.Name, ct) is null;

    /// <summary>Reconciles when due, or when forced (a full sync). When <paramref name="listedEverything"/>, the leads had
    /// never been read before this run, so every deal we hold was just listed: the run itself is the reconciliation,
    /// forced or not (the next one is due a period later), and the id list is not read again.</summary>
    public async Task<int> ReconcileIfDueAsync(AmoCrmClient client, SyncContext context, bool force, bool listedEverything, SyncCounts counts, CancellationToken ct)
    {
        var every = options.Value.ReconcileEvery;
        var last = await cursors.GetAsync(context.Connection.Id, Stream, ct);
        if (!force && (every == TimeSpan.Zero || (last is { } l && context.Now - DateTimeOffset.FromUnixTimeSeconds(l) < every)))
        {
            return 0;
        }

        if (listedEverything)
        {
            await using var c = await dataSource.OpenConnectionAsync(ct);
            await using var t = await c.BeginTransactionAsync(ct);
            await SyncCursorStore.AdvanceAsync(c, t, context.Connection.Id, Stream, last, context.Now.ToUnixTimeSeconds(), ct);
            await t.CommitAsync(ct);
            return 0;
        }

        var ids = (await AmoCrmClient.ReadAllAsync(page =>
        {
            counts.Pages++;
            return client.GetLeadIdsAsync(page, ct);
        })).Select(x => x.Id).ToList();

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var missing = await DealStore.FindMissingAsync(conn, context.Connection.Id, ids, context.Now, ct);
        var gone = new List<long>();
        foreach (var chunk in missing.Chunk(AmoCrmClient.MaxPageSize))
        {
            var existing = await client.GetExistingLeadIdsAsync(chunk, ct);
            gone.AddRange(chunk.Where(id => !existing.Contains(id)));
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await DealStore.ApplyDeletionsAsync(conn, tx, context.Connection.Id, gone.Select(id => (id, context.Now, true)).ToList(), ct);
        await SyncCursorStore.AdvanceAsync(conn, tx, context.Connection.Id, Stream, last, context.Now.ToUnixTimeSeconds(), ct);
        await tx.CommitAsync(ct);
        counts.Changed += changed;
        if (changed > 0)
        {
            logger.LogWarning("Reconciliation of {Connection}: {Count} deals are gone from the CRM without a deletion event; marked deleted",
                context.Connection.Name, changed);
        }

        return changed;
    }
}

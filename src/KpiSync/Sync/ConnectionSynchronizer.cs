using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;

namespace KpiSync.Sync;

/// <summary>
/// Pulls everything of one connection: account settings, users and pipelines (whole, they are small), then leads,
/// stage events, calls, tasks and the trash incrementally, the invoices catalog whole where the account has one, and
/// reconciles the lead ids when due. Stage events wait for the
/// leads, because they are attributed from them; calls and tasks run beside.
/// Records every run in <c>sync_runs</c>.
/// </summary>
internal sealed partial class ConnectionSynchronizer(
    AmoCrmClientFactory clients,
    StreamRunner runner,
    ConnectionStore connections,
    ReferenceDataStore reference,
    SyncRunStore runs,
    LeadReconciler reconciler,
    InvoiceCatalogReader invoices,
    Metrics.KpiSyncMetrics metrics,
    Microsoft.Extensions.Options.IOptions<SyncOptions> options,
    TimeProvider time,
    Hosting.LogRouting routing,
    ILogger<ConnectionSynchronizer> logger)
{
    public async Task<SyncCounts> SyncAsync(CrmConnection connection, SyncRequest request, CancellationToken ct)
    {
        if (connection.Kind != CrmKinds.AmoCrm)
        {
            throw new NotSupportedException($"Connection '{connection.Name}' is {connection.Kind}; only amoCRM is supported so far.");
        }

        if (!connection.IsActive)
        {
            throw new ConnectionUnavailableException(connection.Name, connection.Status, connection.StatusReason);
        }

        var counts = new SyncCounts();
        var runId = await runs.StartAsync(connection.Id, request.Full ? "full" : "incremental", ct);
        var progress = new SyncProgress(time);
        progress.Plan(AllStreams.Where(request.Includes));
        var retriesAtStart = metrics.Retries(connection.Name);
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progressWriter = WriteProgressAsync(runId, connection.Name, retriesAtStart, progress, stopProgress.Token);
        try
        {
            var client = clients.Create(connection);
            var account = await client.GetAccountAsync(ct);
            connection = await AdoptTimeZoneAsync(account, connection, ct);
            if (account.Currency is { Length: > 0 } currency)
            {
                await connections.SetCurrencyAsync(connection.Id, currency, ct);
            }

            var users = await AmoCrmClient.ReadAllAsync(p => client.GetUsersAsync(p, ct));
            await reference.UpsertUsersAsync(connection.Id, users.Select(u => new CrmUserRow(u.Id, u.Name, u.Email, u.Rights?.IsActive ?? true)).ToList(), ct);
            var pipelines = await client.GetPipelinesAsync(ct);
            await reference.UpsertPipelinesAsync(connection.Id, pipelines.Items.Select(ToRow).ToList(), ct);
            counts.Pages += 3;
            counts.Entities += users.Count + pipelines.Items.Count;
            progress.Other(3, users.Count + pipelines.Items.Count);

            var leadFields = LeadFieldMap.Resolve(await AmoCrmClient.ReadAllAsync(p => client.GetLeadFieldsAsync(p, ct)),
                await connections.GetLeadFieldChoicesAsync(connection.Id, ct));
            var invoicesCatalog = await invoices.FindCatalogAsync(client, account, connection.Id, ct);
            var context = new SyncContext(connection, time.GetUtcNow(), await reference.GetStagesAsync(connection.Id, ct),
                ApiFilterEnabled: account.IsApiFilterEnabled != false, LeadFields: leadFields, Progress: progress, StopBetweenPages: request.StopBetweenPages,
                InvoicesCatalogId: invoicesCatalog);
            // Stage events are attributed from the deals, so they wait for the leads; calls and tasks map one-to-one
            // and need nothing else, so they run beside the leads from the start. The streams write disjoint rows and
            // cursors, and share the connection's request budget.
            var listsEveryLead = request.Includes(SyncStreams.Leads.Name) && await reconciler.LeadsNeverReadAsync(connection.Id, ct);
            var parallel = new[] { new SyncCounts(), new SyncCounts(), new SyncCounts(), new SyncCounts() };
            try
            {
                await Task.WhenAll(
                    LeadsThenEventsAsync(client, context, request, parallel[0], parallel[3], ct),
                    request.Includes(SyncStreams.Calls.Name) ? runner.RunAsync(SyncStreams.Calls, client, context, request, parallel[1], ct) : Task.CompletedTask,
                    request.Includes(SyncStreams.Tasks.Name) ? runner.RunAsync(SyncStreams.Tasks, client, context, request, parallel[2], ct) : Task.CompletedTask);
            }
            finally
            {
                // Also when a stream fails or the run is stopped: the run's row records what was committed.
                foreach (var part in parallel)
                {
                    counts.Add(part);
                }
            }

            if (request.Includes(SyncStreams.DeletedLeads.Name))
            {
                await runner.RunAsync(SyncStreams.DeletedLeads, client, context, request, counts, ct);
            }

            if (request.Includes(SyncStreams.Leads.Name))
            {
                await reconciler.ReconcileIfDueAsync(client, context, force: request.Full, listsEveryLead, counts, ct);
            }

            await StopProgressAsync(stopProgress, progressWriter);
            await runs.SetRetriesAsync(runId, metrics.Retries(connection.Name) - retriesAtStart);
            await runs.FinishAsync(runId, "succeeded", counts, null);
            metrics.SyncFinished(connection.Name, failed: false, counts.Entities);
            logger.Log(routing.ResultLevel, "Synced {Connection}: {Pages} pages, {Entities} records, {Changed} rows changed, {Quarantined} quarantined",
                connection.Name, counts.Pages, counts.Entities, counts.Changed, counts.Quarantined);
            return counts;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested || request.StopBetweenPages.IsCancellationRequested)
        {
            await StopProgressAsync(stopProgress, progressWriter);
            await runs.SetRetriesAsync(runId, metrics.Retries(connection.Name) - retriesAtStart);
            await runs.FinishAsync(runId, "cancelled", counts, "cancelled by shutdown");
            metrics.SyncFinished(connection.Name, failed: false, counts.Entities);
            throw;
        }
        catch (Exception e)
        {
            await StopProgressAsync(stopProgress, progressWriter);
            await runs.SetRetriesAsync(runId, metrics.Retries(connection.Name) - retriesAtStart);
            await runs.FinishAsync(runId, "failed", counts, e.Message);
            metrics.SyncFinished(connection.Name, failed: true, counts.Entities);
            throw;
        }
    }

    /// <summary>The leads, then side by side the lead events (attributed from the deals) and the invoices (attributed
    /// through the leads that link to them).</summary>
    private async Task LeadsThenEventsAsync(AmoCrmClient client, SyncContext context, SyncRequest request, SyncCounts counts,
        SyncCounts invoiceCounts, CancellationToken ct)
    {
        if (request.Includes(SyncStreams.Leads.Name))
        {
            await runner.RunAsync(SyncStreams.Leads, client, context, request, counts, ct);
        }

        await Task.WhenAll(
            request.Includes(SyncStreams.Events.Name) ? runner.RunAsync(SyncStreams.Events, client, context, request, counts, ct) : Task.CompletedTask,
            context.InvoicesCatalogId is { } catalog && request.Includes(InvoiceCatalogReader.StreamName)
                ? invoices.ReadAsync(client, context, catalog, invoiceCounts, ct)
                : Task.CompletedTask);
    }

    /// <summary>Takes the account's time zone when the connection was added without one.</summary>
    private async Task<CrmConnection> AdoptTimeZoneAsync(AmoAccount account, CrmConnection connection, CancellationToken ct)
    {
        if (connection.TimeZone is not null)
        {
            return connection;
        }

        var tz = account.Embedded?.DatetimeSettings?.Timezone;
        if (tz is null || !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
        {
            return connection;
        }

        await connections.SetTimeZoneAsync(connection.Id, tz, ct);
        return connection with { TimeZone = tz };
    }

    private static PipelineRow ToRow(AmoPipeline p) => new(p.Id, p.Name, p.Sort, p.IsMain, p.IsArchive,
        (p.Embedded?.Statuses ?? []).Select(s => new StageRow(s.Id, s.Name, s.Sort, AmoCrmFactMapper.StageOutcome(s.Id))).ToList());
}

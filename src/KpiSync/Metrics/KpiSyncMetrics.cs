using Prometheus;

namespace KpiSync.Metrics;

/// <summary>
/// This node's counters since it started, and the gauges <c>/metrics</c> refreshes from the database, in a
/// prometheus-net registry of this host's own (not the process-wide default: a process may run several hosts, and
/// counters reset with the host, which Prometheus' rate() expects). Labels are connection names and job kinds: a
/// handful, never user input.
/// </summary>
internal sealed class KpiSyncMetrics
{
    private readonly Counter _crmRequests;
    private readonly Counter _crmRetries;
    private readonly Counter _crmRateLimited;
    private readonly Counter _syncEntities;
    private readonly Counter _syncRuns;
    private readonly Counter _syncFailures;
    private readonly Counter _jobRuns;
    private readonly Counter _jobFailures;
    private readonly Counter _jobSkipped;
    private readonly Counter _jobRequeued;
    private readonly Counter _jobSeconds;

    public KpiSyncMetrics()
    {
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _crmRequests = f.CreateCounter("kpisync_crm_requests_total", "CRM API requests sent (each attempt)", "connection");
        _crmRetries = f.CreateCounter("kpisync_crm_retries_total", "CRM API requests retried after a 429, 5xx, timeout or dropped connection", "connection");
        _crmRateLimited = f.CreateCounter("kpisync_crm_rate_limited_total", "CRM API answers 429 Too Many Requests", "connection");
        _syncEntities = f.CreateCounter("kpisync_sync_entities_total", "CRM records read by syncs", "connection");
        _syncRuns = f.CreateCounter("kpisync_sync_runs_total", "Syncs finished, any outcome", "connection");
        _syncFailures = f.CreateCounter("kpisync_sync_failures_total", "Syncs that failed", "connection");
        _jobRuns = f.CreateCounter("kpisync_job_runs_total", "Job executions finished on this node, any outcome (job: tick, webhook, run_now, resync)", "job");
        _jobFailures = f.CreateCounter("kpisync_job_failures_total", "Job executions that failed", "job");
        _jobSkipped = f.CreateCounter("kpisync_job_skipped_total", "Job executions skipped because the connection's cycle was already running", "job");
        _jobRequeued = f.CreateCounter("kpisync_job_requeued_total", "Job executions stopped by shutdown and handed back to the queue, or cancelled", "job");
        _jobSeconds = f.CreateCounter("kpisync_job_duration_seconds_total", "Total seconds spent in job executions", "job");
        SyncLag = f.CreateGauge("kpisync_sync_lag_seconds", "Seconds since the connection's last successful sync finished (absent: never synced)", "connection");
        ConnectionActive = f.CreateGauge("kpisync_connection_active", "1 when the connection is active, 0 when it needs re-authorization or is blocked", "connection");
        QuarantineOpen = f.CreateGauge("kpisync_quarantine_open", "Quarantined CRM records waiting for an admin", "connection");
        DatabaseUp = f.CreateGauge("kpisync_database_up", "1 when the database answered this scrape");
    }

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public Gauge SyncLag { get; }

    public Gauge ConnectionActive { get; }

    public Gauge QuarantineOpen { get; }

    public Gauge DatabaseUp { get; }

    public void CrmRequest(string connection) => _crmRequests.WithLabels(connection).Inc();

    public void CrmRetry(string connection) => _crmRetries.WithLabels(connection).Inc();

    public void CrmRateLimited(string connection) => _crmRateLimited.WithLabels(connection).Inc();

    public void SyncFinished(string connection, bool failed, int entities)
    {
        _syncRuns.WithLabels(connection).Inc();
        _syncEntities.WithLabels(connection).Inc(entities);
        if (failed)
        {
            _syncFailures.WithLabels(connection).Inc();
        }
    }

    /// <summary>One job execution ended as <paramref name="status"/> (succeeded, failed, skipped, requeued, cancelled).</summary>
    public void JobFinished(string job, string status, TimeSpan duration)
    {
        _jobRuns.WithLabels(job).Inc();
        _jobSeconds.WithLabels(job).Inc(duration.TotalSeconds);
        var outcome = status switch
        {
            "failed" => _jobFailures,
            "skipped" => _jobSkipped,
            "requeued" or "cancelled" => _jobRequeued,
            _ => null,
        };
        outcome?.WithLabels(job).Inc();
    }

    /// <summary>Retries of one connection so far (a sync subtracts the value at its start).</summary>
    public int Retries(string connection) =>
        // Looked up, not created: a connection that never retried has no series rather than one at 0.
        _crmRetries.GetAllLabelValues().Any(v => v[0] == connection) ? (int)_crmRetries.WithLabels(connection).Value : 0;
}

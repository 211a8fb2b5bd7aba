using System.Collections.Concurrent;

namespace KpiSync.Metrics;

/// <summary>
/// This node's counters since it started, exported by <c>/metrics</c> (Prometheus counters reset with the process,
/// which Prometheus' rate() expects). Labels are connection names and job keys: a handful, never user input.
/// </summary>
internal sealed class KpiSyncMetrics
{
    private readonly ConcurrentDictionary<(string Name, string Label), Counter> _counters = new();

    public static readonly IReadOnlyDictionary<string, (string Help, string LabelName)> Descriptions = new Dictionary<string, (string, string)>
    {
        ["kpisync_crm_requests_total"] = ("CRM API requests sent (each attempt)", "connection"),
        ["kpisync_crm_retries_total"] = ("CRM API requests retried after a 429, 5xx, timeout or dropped connection", "connection"),
        ["kpisync_crm_rate_limited_total"] = ("CRM API answers 429 Too Many Requests", "connection"),
        ["kpisync_sync_entities_total"] = ("CRM records read by syncs", "connection"),
        ["kpisync_sync_runs_total"] = ("Syncs finished, any outcome", "connection"),
        ["kpisync_sync_failures_total"] = ("Syncs that failed", "connection"),
        ["kpisync_job_runs_total"] = ("Job executions finished on this node, any outcome (job: tick, webhook, run_now, resync)", "job"),
        ["kpisync_job_failures_total"] = ("Job executions that failed", "job"),
        ["kpisync_job_skipped_total"] = ("Job executions skipped because the connection's cycle was already running", "job"),
        ["kpisync_job_requeued_total"] = ("Job executions stopped by shutdown and handed back to the queue, or cancelled", "job"),
        ["kpisync_job_duration_seconds_total"] = ("Total seconds spent in job executions", "job"),
    };

    public void CrmRequest(string connection) => Add("kpisync_crm_requests_total", connection, 1);

    public void CrmRetry(string connection) => Add("kpisync_crm_retries_total", connection, 1);

    public void CrmRateLimited(string connection) => Add("kpisync_crm_rate_limited_total", connection, 1);

    public void SyncFinished(string connection, bool failed, int entities)
    {
        Add("kpisync_sync_runs_total", connection, 1);
        Add("kpisync_sync_entities_total", connection, entities);
        if (failed)
        {
            Add("kpisync_sync_failures_total", connection, 1);
        }
    }

    /// <summary>One job execution ended as <paramref name="status"/> (succeeded, failed, skipped, requeued, cancelled).</summary>
    public void JobFinished(string job, string status, TimeSpan duration)
    {
        Add("kpisync_job_runs_total", job, 1);
        Add("kpisync_job_duration_seconds_total", job, duration.TotalSeconds);
        var outcome = status switch
        {
            "failed" => "kpisync_job_failures_total",
            "skipped" => "kpisync_job_skipped_total",
            "requeued" or "cancelled" => "kpisync_job_requeued_total",
            _ => null,
        };
        if (outcome is not null)
        {
            Add(outcome, job, 1);
        }
    }

    /// <summary>Retries of one connection so far (a sync subtracts the value at its start).</summary>
    public int Retries(string connection) => (int)Get("kpisync_crm_retries_total", connection);

    public IEnumerable<(string Name, string Label, double Value)> Snapshot() =>
        _counters.Select(kv => (kv.Key.Name, kv.Key.Label, kv.Value.Value)).OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Label, StringComparer.Ordinal);

    private double Get(string name, string label) => _counters.TryGetValue((name, label), out var c) ? c.Value : 0;

    private void Add(string name, string label, double amount) => _counters.GetOrAdd((name, label), _ => new Counter()).Add(amount);

    private sealed class Counter
    {
        private readonly Lock _lock = new();
        private double _value;

        public double Value
        {
            get
            {
                lock (_lock)
                {
                    return _value;
                }
            }
        }

        public void Add(double amount)
        {
            lock (_lock)
            {
                _value += amount;
            }
        }
    }
}

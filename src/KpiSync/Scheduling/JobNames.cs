using System.Collections.Concurrent;
using Hangfire.Common;
using KpiSync.Storage;

namespace KpiSync.Scheduling;

/// <summary>
/// Readable names for cycle jobs, whose arguments are only ids: "Cycle demo", "Webhook demo",
/// "Resync demo: 2026-10-01 … 2026-10-31, leads+events". Names are looked up, and kept a short while: the dashboard
/// asks for one per listed job.
/// </summary>
internal sealed class JobNames(ConnectionStore connections, ResyncRequestStore resyncs, TimeProvider time)
{
    private static readonly TimeSpan ConnectionsFresh = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<long, ResyncRequest?> _resyncs = new();
    private (IReadOnlyDictionary<int, string> Names, DateTimeOffset At) _connections = (new Dictionary<int, string>(), DateTimeOffset.MinValue);

    /// <summary>tick, webhook, run_now or resync (other for a job that is not a cycle): from the method, no lookup.</summary>
    public static string KindOf(Job? job) => job?.Type != typeof(CycleJobs) ? "other" : job.Method.Name switch
    {
        nameof(CycleJobs.TickAsync) => "tick",
        nameof(CycleJobs.WebhookAsync) => "webhook",
        nameof(CycleJobs.RunNowAsync) => "run_now",
        nameof(CycleJobs.ResyncAsync) => "resync",
        _ => "other",
    };

    public JobDescription Describe(Job? job)
    {
        var kind = KindOf(job);
        if (kind == "other" || job!.Args.Count == 0)
        {
            return new JobDescription(job?.ToString() ?? "?", "other", null);
        }

        if (kind == "resync")
        {
            var resync = _resyncs.GetOrAdd(Convert.ToInt64(job.Args[0], System.Globalization.CultureInfo.InvariantCulture),
                id => resyncs.FindAsync(id, CancellationToken.None).GetAwaiter().GetResult());
            return resync is null
                ? new JobDescription($"Resync #{job.Args[0]} (removed)", kind, null)
                : new JobDescription($"Resync {resync.Connection}: {resync.Describe()}", kind, resync.ConnectionId);
        }

        var id = Convert.ToInt32(job.Args[0], System.Globalization.CultureInfo.InvariantCulture);
        var title = kind switch
        {
            "tick" => "Cycle",
            "webhook" => "Webhook",
            _ => "Run now",
        };
        return new JobDescription($"{title} {ConnectionName(id)}", kind, id);
    }

    private string ConnectionName(int id)
    {
        var now = time.GetUtcNow();
        if (!_connections.Names.ContainsKey(id) || now - _connections.At > ConnectionsFresh)
        {
            var all = connections.ListAsync(CancellationToken.None).GetAwaiter().GetResult();
            _connections = (all.ToDictionary(c => c.Id, c => c.Name), now);
        }

        return _connections.Names.TryGetValue(id, out var name) ? name : $"#{id} (removed)";
    }
}

/// <summary>A job's readable title, its kind (tick, webhook, run_now, resync) and its connection.</summary>
internal sealed record JobDescription(string Title, string Kind, int? ConnectionId);

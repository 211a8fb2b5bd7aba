using System.Collections.Concurrent;
using System.Diagnostics;

namespace KpiSync.Benchmarks;

/// <summary>
/// Wall time per stage, from the activities HttpClient and Npgsql already emit: CRM requests by path (until the
/// response headers arrive) and SQL by statement. The sync runs its stages one after another, so what these do not
/// cover is our own CPU work: reading bodies, JSON parsing, mapping, and writing COPY rows.
/// </summary>
internal sealed class StageProfiler : IDisposable
{
    private readonly ConcurrentDictionary<string, Stage> _stages = new();
    private readonly ActivityListener _listener;

    public StageProfiler()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stages recorded since the last call, longest first; starts afresh.</summary>
    public IReadOnlyList<StageTime> Take()
    {
        var taken = _stages.ToArray();
        _stages.Clear();
        return [.. taken.Select(s => new StageTime(s.Key, s.Value.Count, TimeSpan.FromTicks(s.Value.Ticks))).OrderByDescending(s => s.Total)];
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Activity a)
    {
        var stage = _stages.GetOrAdd(KeyOf(a), _ => new Stage());
        Interlocked.Increment(ref stage.Count);
        Interlocked.Add(ref stage.Ticks, a.Duration.Ticks);
    }

    private static string KeyOf(Activity a)
    {
        if (a.Source.Name != "Npgsql")
        {
            var url = a.GetTagItem("url.full") as string;
            return "http GET " + (url is null ? a.DisplayName : new Uri(url).AbsolutePath);
        }

        var sql = (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement")) as string ?? a.DisplayName;
        var words = sql.Split((char[])[' ', '\n', '\r', '\t', '('], StringSplitOptions.RemoveEmptyEntries);
        return "sql " + string.Join(' ', words.Take(4));
    }

    private sealed class Stage
    {
        public int Count;
        public long Ticks;
    }
}

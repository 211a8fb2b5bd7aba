using System.Diagnostics;
using KpiSync.Crm.AmoCrm;
using KpiSync.Sync;

namespace KpiSync.Benchmarks;

/// <summary>
/// Reads a stream the way <see cref="StreamRunner"/> does (keyset pages, or one window, from position 0) but stores nothing:
/// the simulator, HTTP and JSON parsing alone. Its time against the sync's shows what storing costs.
/// </summary>
internal static class FetchOnlyProbe
{
    public static async Task<PhaseResult> RunAsync<T>(SyncStream<T> stream, AmoCrmClient client, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (records, pages, from, page) = (0, 0, 0L, 1);
        while (true)
        {
            var result = await stream.FetchAsync(client, from, null, page, ct);
            if (result.Count == 0)
            {
                break;
            }

            records += result.Count;
            pages++;
            if (!result.HasNext)
            {
                break;
            }

            var newest = result.Items.Count == 0 ? from : Math.Max(from, result.Items.Max(stream.PositionOf));
            // A stream read as one window goes by page number; a keyset one restarts at its newest position.
            (from, page) = stream.SortsByPosition && newest > from ? (newest, 1) : (from, page + 1);
        }

        return new PhaseResult("fetch " + stream.Name, records, pages, watch.Elapsed, "read only");
    }
}

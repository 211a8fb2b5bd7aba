using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync.Streams;

/// <summary>The shared body of streams whose records map one-to-one to facts.</summary>
internal static class FactStreams
{
    public static Task<int> MapAndStoreAsync<T>(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<T> items,
        Func<T, MapResult<FunnelFact>> map, Func<T, string> keyOf, Func<T, string> raw, List<RejectedRecord> rejected, CancellationToken ct)
    {
        var facts = new List<FunnelFact>(items.Count);
        foreach (var item in items)
        {
            var r = map(item);
            if (r.RejectReason is { } reason)
            {
                rejected.Add(new RejectedRecord(keyOf(item), raw(item), reason));
            }
            else if (r.Value is { } fact)
            {
                facts.Add(fact);
            }
        }

        return FunnelEventStore.UpsertAsync(conn, tx, context.Connection.Id, facts, ct);
    }
}

using System.Globalization;
using System.Text;
using KpiSync.Kpis.Facts;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

internal static partial class KpiInputStore
{
    // Every fact of the deals at once, touches and deal facts alike: both are found through the deal index, and each
    // costs a heap visit per fact of the deal whatever its kind, so two reads (touches, then deal facts) paid twice.
    // Kinds travel as small numbers: an activity's ActivityKind, a deal fact's DealFactKind + 16.
    private const string SelectDealsWhole = $$"""
        select f.deal_id,
               (case f.kind when 'call_in' then 0 when 'call_out' then 1 when 'meeting' then 2 when 'task' then 3
                            when 'deal_created' then 16 when 'deal_won' then 18 when 'deal_lost' then 19 when 'deal_reopened' then 20
                            when 'responsible_changed' then 21 when 'payment' then 22
                            when 'invoice' then 23 when 'invoice_payment' then 24 else 17 end)::smallint,
               f.occurred_at, f.employee_id, coalesce(f.duration_s, 0), f.outcome, f.stage_from, f.stage_to, f.amount,
               (f.payload->>'from')::bigint, case when f.kind in ({{DealKinds}}) then f.source_key end
        from kpisync.funnel_events f
        where f.connection_id = {0} and f.deal_id in (select unnest({1}::bigint[]))
          and (f.kind in ({{DealKinds}}) or (f.kind in ({{ActivityKinds}}) and f.employee_id is not null))
        """;

    private static readonly CompositeFormat DealsWholeFormat = CompositeFormat.Parse(SelectDealsWhole);

    /// <summary>
    /// Reads some deals whole, in one pass over their facts (an incremental recompute's dirty deals): the touches on them,
    /// and each deal with its facts in time order — what <see cref="FeedActivitiesAsync"/> and <see cref="LoadDealsAsync"/>
    /// give for the same scope, without the second pass over the same rows. Feed the touches of every part read to an
    /// engine before its deals.
    /// </summary>
    public static async Task<(List<ActivityFact> Touches, List<DealRecord> Deals)> ReadDealsWholeAsync(NpgsqlConnection conn, int c, long[] ids, CancellationToken ct)
    {
        var touches = new List<ActivityFact>();
        var records = new List<DealRecord>();
        if (ids.Length == 0)
        {
            return (touches, records);
        }

        var rows = await ReadDealRowsAsync(conn, c, RecomputeScope.OfDeals(ids), ct);
        var facts = new Dictionary<long, List<(DealFact Fact, string Key)>>();
        var query = string.Format(CultureInfo.InvariantCulture, DealsWholeFormat, c, "'{" + string.Join(',', ids) + "}'");
        await using (var copy = await conn.BeginBinaryExportAsync($"copy ({query}) to stdout (format binary)", ct))
        {
            while (copy.StartRow() >= 0)
            {
                ct.ThrowIfCancellationRequested();
                var deal = copy.Read<long>(NpgsqlDbType.Bigint);
                var kind = copy.Read<short>(NpgsqlDbType.Smallint);
                var at = new DateTimeOffset(copy.Read<DateTime>(NpgsqlDbType.TimestampTz), TimeSpan.Zero);
                var employee = Nullable<long>(copy, NpgsqlDbType.Bigint);
                var duration = copy.Read<int>(NpgsqlDbType.Integer);
                var outcome = Nullable<short>(copy, NpgsqlDbType.Smallint);
                var from = Nullable<long>(copy, NpgsqlDbType.Bigint);
                var to = Nullable<long>(copy, NpgsqlDbType.Bigint);
                var amount = Nullable<decimal>(copy, NpgsqlDbType.Numeric);
                var payloadFrom = Nullable<long>(copy, NpgsqlDbType.Bigint);
                var key = copy.IsNull ? SkipText(copy) : copy.Read<string>(NpgsqlDbType.Text);
                if (kind < DealKindBase)
                {
                    touches.Add(new ActivityFact(employee!.Value, (ActivityKind)kind, at, duration, outcome, deal, null));
                    continue;
                }

                if (!facts.TryGetValue(deal, out var list))
                {
                    facts[deal] = list = [];
                }

                list.Add((new DealFact((DealFactKind)(kind - DealKindBase), at, from, to, amount, payloadFrom, employee), key!));
            }
        }

        // In the order LoadDealsAsync reads them: by time, then by fact key compared byte-wise (the key's collation "C").
        foreach (var d in rows.Values.OrderBy(d => d.Id))
        {
            var mine = facts.GetValueOrDefault(d.Id) ?? [];
            mine.Sort(static (x, y) => x.Fact.At != y.Fact.At ? x.Fact.At.CompareTo(y.Fact.At) : Utf8Compare(x.Key, y.Key));
            records.Add(d.ToRecord(mine.ConvertAll(f => f.Fact)));
        }

        return (touches, records);
    }

    private const short DealKindBase = 16;

    private static T? Nullable<T>(NpgsqlBinaryExporter copy, NpgsqlDbType type) where T : struct
    {
        if (copy.IsNull)
        {
            copy.Skip();
            return null;
        }

        return copy.Read<T>(type);
    }

    private static string? SkipText(NpgsqlBinaryExporter copy)
    {
        copy.Skip();
        return null;
    }

    private static int Utf8Compare(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}

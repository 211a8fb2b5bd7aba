using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// What a recompute covers: everything, or the cells of some employees from some instant on. Those cells are fed by
/// the employees' activities since then (a day earlier, for an activity across midnight), by every fact of the deals
/// that can still count for them, and by the touches on those deals since the hand-over in force at that instant
/// (an earlier touch cannot be a first response counted in the scope). A superset of what the dirty cells need, so
/// each cell it writes is computed from complete inputs.
/// </summary>
internal sealed class RecomputeScope
{
    private RecomputeScope(long[]? employees, DateTimeOffset? from, long[]? deals, DateTimeOffset[]? touchesFrom, bool everyone = false, DateTimeOffset? now = null)
    {
        Everyone = everyone;
        _wide = now is { } n && touchesFrom is not null && from is { } f && touchesFrom.Append(f).Min() < n.AddDays(-62);
        Employees = employees;
        From = from;
        Deals = deals;
        TouchesFrom = touchesFrom;
    }

    public static RecomputeScope Full { get; } = new(null, null, null, null);

    public static RecomputeScope Of(long[] employees, DateTimeOffset from, ScopeDeals deals, DateTimeOffset now) =>
        new(employees, from.ToUniversalTime(), deals.Deals.Select(d => d.Deal).ToArray(), deals.Deals.Select(d => d.TouchesFrom.ToUniversalTime()).ToArray(),
            deals.Everyone, now);

    // Reaching back more than two months from now reads most of a connection's recent history: a sequential scan wins.
    private readonly bool _wide;

    /// <summary>The scope's employees are everyone the deals ever named: every activity since the earliest instant it
    /// needs will do, read as one time range (cheaper than matching per deal).</summary>
    public bool Everyone { get; }

    public bool IsFull => Employees is null;

    public long[]? Employees { get; }

    public DateTimeOffset? From { get; }

    public long[]? Deals { get; }

    public DateTimeOffset[]? TouchesFrom { get; }

    /// <summary>
    /// The activities query for COPY (which takes no parameters): only integers and ISO-8601 UTC timestamps of our own
    /// making are formatted in. Ids are matched through "in (select unnest(…))", which PostgreSQL hashes, never
    /// through "= any(…)", which it scans per row.
    /// </summary>
    public string ActivityQuery(string select, string where)
    {
        if (ReadsEverything)
        {
            return $"{select} where {where}";
        }

        var since = TouchesFrom!.Append(From!.Value.AddDays(-1)).Min();
        if (Everyone)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{select} where {where} and f.occurred_at >= '{Iso(since)}'::timestamptz");
        }

        var mine = string.Create(CultureInfo.InvariantCulture,
            $"f.occurred_at >= '{Iso(From!.Value.AddDays(-1))}'::timestamptz and f.employee_id in (select unnest('{{{string.Join(',', Employees!)}}}'::bigint[]))");
        var windows = string.Create(CultureInfo.InvariantCulture,
            $"unnest('{{{string.Join(',', Deals!)}}}'::bigint[], '{{{string.Join(',', TouchesFrom!.Select(t => Iso(t)))}}}'::timestamptz[]) w(deal, since)");
        return $"{select} where {where} and {mine} union all {select} join {windows} on f.deal_id = w.deal and f.occurred_at >= w.since where {where} and not ({mine})";
    }

    /// <summary>Everyone, months back: nearly every deal is in scope, and reading them all beats matching a huge id list.</summary>
    private bool ReadsEverything => IsFull || (Everyone && _wide);

    public string DealFilter => ReadsEverything ? "" : " and crm_id in (select unnest(@deals))";

    public string DealFactFilter => ReadsEverything ? "" : " and deal_id in (select unnest(@deals))";

    public void AddParameters(NpgsqlCommand cmd)
    {
        if (!ReadsEverything)
        {
            cmd.Parameters.Add(new NpgsqlParameter("deals", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = Deals });
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}

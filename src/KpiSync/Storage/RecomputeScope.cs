using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// Which facts a feed reads: all (a full recompute, a live week or day), the few deals an incremental recompute redoes
/// with the touches on them, or the deals behind one cell with its employee's activities (an explanation). Ids are matched through "in (select unnest(…))", which PostgreSQL hashes, never
/// through "= any(…)", which it scans per row.
/// </summary>
internal sealed class RecomputeScope
{
    private RecomputeScope(long[]? deals, (long Employee, DateTimeOffset From, DateTimeOffset To)? activities = null)
    {
        Deals = deals;
        Activities = activities;
    }

    public static RecomputeScope Full { get; } = new(null);

    /// <summary>Some deals, with every touch on them.</summary>
    public static RecomputeScope OfDeals(long[] deals) => new(deals);

    /// <summary>Some deals with every touch on them, and one employee's activities in a time window (an explanation).</summary>
    public static RecomputeScope OfCell(long[] deals, long employee, DateTimeOffset from, DateTimeOffset to) =>
        new(deals, (employee, from.ToUniversalTime(), to.ToUniversalTime()));

    public bool IsFull => Deals is null;

    public long[]? Deals { get; }

    public (long Employee, DateTimeOffset From, DateTimeOffset To)? Activities { get; }

    public string DealFilter => IsFull ? "" : " and crm_id in (select unnest(@deals))";

    public string DealFactFilter => IsFull ? "" : " and deal_id in (select unnest(@deals))";

    public void AddParameters(NpgsqlCommand cmd)
    {
        if (!IsFull)
        {
            cmd.Parameters.Add(new NpgsqlParameter("deals", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = Deals });
        }
    }
}

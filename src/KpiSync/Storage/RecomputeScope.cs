using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// What a recompute covers: everything, or the cells of some employees from some instant on, fed by their activities
/// since then (a day earlier, for an activity across midnight) and by every touch and fact of the deals that can
/// still count for them. A superset of the dirty cells, so each cell it writes is computed from complete inputs.
/// </summary>
internal sealed class RecomputeScope
{
    private RecomputeScope(long[]? employees, DateTimeOffset? from, long[]? deals)
    {
        Employees = employees;
        From = from;
        Deals = deals;
    }

    public static RecomputeScope Full { get; } = new(null, null, null);

    public static RecomputeScope Of(long[] employees, DateTimeOffset from, long[] deals) => new(employees, from.ToUniversalTime(), deals);

    public bool IsFull => Employees is null;

    public long[]? Employees { get; }

    public DateTimeOffset? From { get; }

    public long[]? Deals { get; }

    public string ActivityFilter => IsFull ? "" : " and ((employee_id = any(@emps) and occurred_at >= @from_activity) or deal_id = any(@deals))";

    /// <summary>The activity filter as literal SQL, for COPY (which takes no parameters). Only integers and an
    /// ISO-8601 UTC timestamp of our own making are formatted in.</summary>
    public string ActivityFilterLiteral => IsFull ? "" : string.Create(CultureInfo.InvariantCulture,
        $" and ((employee_id = any('{{{string.Join(',', Employees!)}}}'::bigint[]) and occurred_at >= '{From!.Value.AddDays(-1).UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}'::timestamptz) or deal_id = any('{{{string.Join(',', Deals!)}}}'::bigint[]))");

    public string DealFilter => IsFull ? "" : " and crm_id = any(@deals)";

    public string DealFactFilter => IsFull ? "" : " and deal_id = any(@deals)";

    public void AddParameters(NpgsqlCommand cmd)
    {
        if (IsFull)
        {
            return;
        }

        cmd.Parameters.Add(new NpgsqlParameter("emps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = Employees });
        cmd.Parameters.Add(new NpgsqlParameter("deals", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = Deals });
        cmd.Parameters.AddWithValue("from_activity", From!.Value.AddDays(-1));
    }
}

using System.Text.Json;
using KpiSync.Kpis.Schemes;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

internal sealed partial class KpiValueStore
{
    private const string CreatePayoutStaging = """
        create temp table stage_payouts (employee_id bigint, period text, scheme_name text, scheme_version integer, kpi_index numeric,
            fixed numeric(18, 2), bonus numeric(18, 2), penalties numeric(18, 2), total numeric(18, 2), breakdown jsonb) on commit drop
        """;

    private const string CopyPayouts = """
        copy stage_payouts (employee_id, period, scheme_name, scheme_version, kpi_index, fixed, bonus, penalties, total, breakdown) from stdin (format binary)
        """;

    private const string MergePayouts = $"""
        insert into kpisync.payouts as k (connection_id, employee_id, period, scheme_name, scheme_version, kpi_index, fixed, bonus, penalties, total, breakdown, computed_at)
        select @c, employee_id, period, scheme_name, scheme_version, kpi_index, fixed, bonus, penalties, total, breakdown, @at from stage_payouts where period <> all(@closed)
        on conflict (connection_id, period, employee_id) do update set
            scheme_name = excluded.scheme_name, scheme_version = excluded.scheme_version, kpi_index = excluded.kpi_index, fixed = excluded.fixed,
            bonus = excluded.bonus, penalties = excluded.penalties, total = excluded.total, breakdown = excluded.breakdown, computed_at = excluded.computed_at
        where (k.scheme_name, k.scheme_version, k.kpi_index, k.fixed, k.bonus, k.penalties, k.total, k.breakdown)
            is distinct from (excluded.scheme_name, excluded.scheme_version, excluded.kpi_index, excluded.fixed, excluded.bonus, excluded.penalties, excluded.total, excluded.breakdown);
        delete from kpisync.payouts k where {InScope} and k.period <> all(@closed)
          and not exists (select 1 from stage_payouts s where s.employee_id = k.employee_id and s.period = k.period);
        """;

    public static Task<int> WritePayoutsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, WriteScope scope, IReadOnlyList<PayoutRow> payouts,
        DateTimeOffset at, CancellationToken ct) =>
        StagedMerge.RunAsync(conn, tx, CreatePayoutStaging, CopyPayouts, payouts, WritePayoutAsync, MergePayouts,
            scope.Parameters(c, at), ct);

    private static async Task WritePayoutAsync(NpgsqlBinaryImporter w, PayoutRow p, CancellationToken ct)
    {
        await w.WriteAsync(p.EmployeeId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(p.Period, NpgsqlDbType.Text, ct);
        await w.WriteAsync(p.SchemeName, NpgsqlDbType.Text, ct);
        await w.WriteAsync(p.SchemeVersion, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(p.KpiIndex, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(p.Pay.Fixed, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(p.Pay.Bonus, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(p.Pay.Penalties, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(p.Pay.Total, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(JsonSerializer.Serialize(new PayoutBreakdown(p.Terms, p.Pay.Lines), StorageJsonContext.Default.PayoutBreakdown), NpgsqlDbType.Jsonb, ct);
    }
}

internal sealed record PayoutRow(long EmployeeId, string Period, string SchemeName, int SchemeVersion, decimal? KpiIndex,
    IReadOnlyList<IndexTerm> Terms, PayBreakdown Pay);

/// <summary>How a payout came about: each index term and each pay line, as stored in <c>payouts.breakdown</c>.</summary>
public sealed record PayoutBreakdown(IReadOnlyList<IndexTerm> Terms, IReadOnlyList<PayLine> Lines);

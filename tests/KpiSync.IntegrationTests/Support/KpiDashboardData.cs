using KpiSync.IntegrationTests.Recompute;
using KpiSync.Recompute;
using Npgsql;

namespace KpiSync.IntegrationTests.Support;

/// <summary>KPI data for the dashboard's KPI pages: a cycle against the simulator, the Sales scheme with plans
/// assigned to every CRM user, and a full recompute, so there are index and pay values.</summary>
public static class KpiDashboardData
{
    public static async Task<IReadOnlyList<long>> SeedAsync(CycleHarness h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var ct = TestContext.Current.CancellationToken;
        await h.RunCycleAsync();
        var connection = await h.ConnectionAsync();
        var employees = await ListAsync<long>(h, "select crm_id from kpisync.crm_users order by crm_id");
        await SchemeFixture.AssignAsync(h, connection, employees, ct);
        await h.Get<KpiRecomputer>().RecomputeAsync(connection, full: true, ct);
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.payouts where period = '2026-09'") > 0, "no payouts to show");
        return employees;
    }

    public static async Task<List<T>> ListAsync<T>(CycleHarness h, string sql)
    {
        ArgumentNullException.ThrowIfNull(h);
        await using var conn = new NpgsqlConnection(h.ConnectionString);
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<T>();
        while (await r.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(r.GetFieldValue<T>(0));
        }

        return rows;
    }
}

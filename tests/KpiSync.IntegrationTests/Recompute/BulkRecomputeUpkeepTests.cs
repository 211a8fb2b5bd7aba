using Dapper;
using KpiSync.Benchmarks;
using KpiSync.IntegrationTests.Support;
using KpiSync.Recompute;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.IntegrationTests.Recompute;

/// <summary>
/// A full recompute that rewrote at least 10 000 deals or values (a connection's first one writes them all) vacuums and
/// analyzes the tables it stores, as autovacuum would a minute later — in the middle of the next recomputes. One that
/// rewrote little leaves them to autovacuum.
/// </summary>
public sealed class BulkRecomputeUpkeepTests(PostgresServer server)
{
    [Fact]
    public async Task FullRecompute_BulkRewrite_VacuumsTheStoredTables_SteadyOneDoesNot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await CycleHarness.StartAsync(server, "bulk_upkeep");
        await using (var conn = await h.Get<NpgsqlDataSource>().OpenConnectionAsync(ct))
        {
            var c = await RecomputeDataGenerator.CreateConnectionAsync(conn, ct);
            await RecomputeDataGenerator.FillAsync(conn, c, employees: 40, dealsPerEmployee: 300, activities: 20_000,
                CycleHarness.Now.AddMonths(-3), CycleHarness.Now.AddDays(-1), ct);
        }

        var connection = await h.Get<ConnectionStore>().GetAsync("bench", ct);
        var recomputer = h.Get<KpiRecomputer>();

        var first = await recomputer.RecomputeAsync(connection, full: true, ct);
        var vacuumed = await LastVacuumsAsync();
        var steady = await recomputer.RecomputeAsync(connection, full: true, ct);

        Assert.Contains(first.Stages, s => s.Stage == "vacuum");
        Assert.Equal(9, vacuumed.Count);
        Assert.All(vacuumed, v => Assert.True(v.At is not null && v.Analyzed is not null, v.Table + " was not vacuumed and analyzed"));
        Assert.DoesNotContain(steady.Stages, s => s.Stage == "vacuum");
        Assert.Equal(vacuumed, await LastVacuumsAsync());

        async Task<List<(string Table, DateTime? At, DateTime? Analyzed)>> LastVacuumsAsync()
        {
            await using var conn = await h.Get<NpgsqlDataSource>().OpenConnectionAsync(ct);
            return (await conn.QueryAsync<(string, DateTime?, DateTime?)>(new CommandDefinition("""
                select relname, last_vacuum, last_analyze from pg_stat_user_tables
                where schemaname = 'kpisync' and relname in ('kpi_deal_parts', 'kpi_deal_digests', 'kpi_deal_running', 'kpi_activity_days',
                    'kpi_day_digests', 'kpi_cell_sums', 'kpi_client_wins', 'kpi_values', 'kpi_cells')
                order by relname
                """, cancellationToken: ct))).ToList();
        }
    }
}

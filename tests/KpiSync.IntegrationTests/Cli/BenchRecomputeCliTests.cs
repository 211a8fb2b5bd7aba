using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using KpiSync.IntegrationTests.Support;
using Npgsql;

namespace KpiSync.IntegrationTests.Cli;

/// <summary>
/// <c>bench recompute</c> at a small size, as the README runs it at full size: it prints its figures and the JSON line,
/// and what it timed is right — the values its one-day incremental recompute left are those a full recompute gives.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class BenchRecomputeCliTests(PostgresServer server)
{
    private static readonly string[] JsonKeys = ["facts", "full_s", "floor_s", "incremental_day_s"];

    private static readonly string[] Figures =
        ["Floor (one SQL aggregate", "Full recompute:", "Incremental after one day", "Incremental floor", "Least a day can take", "History of", "Full / floor ="];

    [Fact]
    public async Task BenchRecompute_PrintsItsFiguresAndJson_AndTheTimedDayMatchesAFullRecompute()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = await server.CreateDatabaseAsync("bench_host");
        var bench = new NpgsqlConnectionStringBuilder(host) { Database = "kpisync_bench_recompute", Pooling = false }.ConnectionString;

        var run = await KpiSyncProcess.RunAsync(host, null, "bench", "recompute", "--employees", "6", "--months", "3", "--facts", "20000", "--json");
        var dayOfRun = MoscowToday();

        Assert.True(run.ExitCode == 0, run.All);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var figure in Figures)
        {
            Assert.Contains(lines, l => l.StartsWith(figure, StringComparison.Ordinal));
        }

        // The day went the incremental way (a full recompute would match trivially): deals replayed whole and from tails.
        var dayLine = lines.Single(l => l.StartsWith("Incremental after one day", StringComparison.Ordinal));
        var replayed = Regex.Match(dayLine, @"([\d,]+) deals replayed whole, ([\d,]+) from their tails");
        Assert.True(replayed.Success && Count(replayed.Groups[1]) > 0 && Count(replayed.Groups[2]) > 0, dayLine);
        var json = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(JsonKeys, json.EnumerateObject().Select(p => p.Name));
        await using var conn = new NpgsqlConnection(bench);
        await conn.OpenAsync(ct);
        // The facts the full recompute ran on: those generated, before the warm-up hour and the day arrived.
        Assert.Equal(await conn.ExecuteScalarAsync<long>("select count(*) from kpisync.funnel_events where source_key not like 'warm:%' and source_key not like 'today:%'"),
            json.GetProperty("facts").GetInt64());
        Assert.All(JsonKeys[1..], k => Assert.True(json.GetProperty(k).GetDouble() > 0, k));

        var afterDay = await ValuesAsync(conn);
        Assert.NotEmpty(afterDay);
        var full = await KpiSyncProcess.RunAsync(bench, null, "recompute", "--connection", "bench", "--full");
        Assert.True(full.ExitCode == 0, full.All);
        // Idle time counts the days before today: across midnight the two recomputes rightly differ.
        Assert.SkipWhen(MoscowToday() != dayOfRun, "the bench and the full recompute ran on two sides of midnight");
        Assert.Equal(afterDay, await ValuesAsync(conn));
    }

    private static async Task<List<string>> ValuesAsync(NpgsqlConnection conn) =>
        (await conn.QueryAsync<(long Employee, string Period, string Indicator, decimal? Value, bool Low)>(
            "select employee_id, period, indicator, value, low_sample from kpisync.kpi_values order by 1, 2, 3"))
        .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Employee} {v.Period} {v.Indicator} {v.Value} {v.Low}")).ToList();

    private static int Count(Group g) => int.Parse(g.Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static DateOnly MoscowToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).DateTime);
}

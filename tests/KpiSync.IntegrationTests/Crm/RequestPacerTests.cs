using KpiSync.Crm;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Crm;

/// <summary>
/// The pacer against the real shared budget in PostgreSQL: it never lets more than ⌊rps⌋ requests start within
/// a window of ⌊rps⌋/rps seconds (amoCRM's sliding-second rule, with the margin), and two nodes sharing one
/// connection's budget take turns instead of each sending at the full rate.
/// </summary>
public sealed class RequestPacerTests(PostgresServer server)
{
    private const double Rps = 20;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sends_NeverCrowdAWindow_AndTwoNodesShareOneBudget()
    {
        await using var h = await CycleHarness.StartAsync(server, "request_pacer");
        var budgets = h.Get<RequestBudgetStore>();
        using var nodeA = new RequestPacer(1, Rps, budgets, TimeProvider.System);
        using var nodeB = new RequestPacer(1, Rps, budgets, TimeProvider.System);
        var started = TimeProvider.System.GetTimestamp();

        var a = await SendAsync(nodeA, 30);
        var b = await SendAsync(nodeB, 30);
        var both = (await Task.WhenAll(SendAsync(nodeA, 20), SendAsync(nodeB, 20))).SelectMany(x => x).Order().ToList();

        foreach (var sends in new[] { a, b })
        {
            for (var i = 20; i < sends.Count; i++)
            {
                Assert.True(sends[i] - sends[i - 20] >= TimeSpan.FromSeconds(1), $"21 sends within {(sends[i] - sends[i - 20]).TotalMilliseconds:0} ms");
            }
        }

        // 40 shared slots 1/20 s apart take about two seconds, not one (each node alone would send 20 in one).
        Assert.True(both[^1] - both[0] >= TimeSpan.FromSeconds(39 * 0.9 / Rps), $"40 sends of two nodes in {(both[^1] - both[0]).TotalMilliseconds:0} ms");

        async Task<List<TimeSpan>> SendAsync(RequestPacer pacer, int n)
        {
            var at = new List<TimeSpan>(n);
            for (var i = 0; i < n; i++)
            {
                await pacer.WaitAsync(Ct);
                at.Add(TimeProvider.System.GetElapsedTime(started));
            }

            return at;
        }
    }
}

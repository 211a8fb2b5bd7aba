using KpiSync.Crm;
using KpiSync.IntegrationTests.Support;
using KpiSync.Storage;

namespace KpiSync.IntegrationTests.Crm;

/// <summary>
/// The pacer against the real shared budget in PostgreSQL: it never lets more than ⌊rps⌋ requests start within
/// a window of ⌊rps⌋/rps seconds (amoCRM's sliding-second rule, with the margin), and two nodes sharing one
/// connection's budget take turns instead of each sending at the full rate.
/// Runs alone: its stamps are read as each wait returns, and on two shared cores a starved continuation would blur them.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class RequestPacerTests(PostgresServer server)
{
    private const double Rps = 20;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sends_NeverCrowdAWindow_AndTwoNodesShareOneBudget()
    {
        await using var h = await CycleHarness.StartAsync(server, "request_pacer");
        var budgets = h.Get<RequestBudgetStore>();
        // Wake-ups up to 40 ms late, as on a busy machine: a late send followed by punctual ones would put 21 sends in
        // under a second if only the shared schedule spaced them; the pacer's own window must hold them back.
        var late = new LateTimers(seed: 20);
        using var nodeA = new RequestPacer(1, Rps, budgets, late);
        using var nodeB = new RequestPacer(1, Rps, budgets, late);
        var started = TimeProvider.System.GetTimestamp();

        var a = await SendAsync(nodeA, 40);
        var b = await SendAsync(nodeB, 40);
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

    /// <summary>The system clock, with every timer firing up to 40 ms late (seeded).</summary>
    private sealed class LateTimers(int seed) : TimeProvider
    {
        private readonly Random _random = new(seed);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimeSpan lateness;
            lock (_random)
            {
                lateness = TimeSpan.FromMilliseconds(_random.Next(0, 40));
            }

            return System.CreateTimer(callback, state, dueTime + lateness, period);
        }
    }
}

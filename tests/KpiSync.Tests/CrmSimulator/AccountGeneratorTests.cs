using KpiSync.CrmSimulator;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.Tests.CrmSimulator;

public sealed class AccountGeneratorTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Generate_BenchAccount_KeepsTheEntityCountsBenchmarksCite()
    {
        // The README cites the bench account (50 reps × 12 months × volume 5): 96 k leads and 1.24 M events, notes and tasks.
        var account = AccountGenerator.Generate(new SimulatorOptions { Employees = 50, Months = 12, Volume = 5 }, Anchor);

        var records = account.Events.Count + account.Notes.Count + account.Tasks.Count;
        Assert.True(Math.Abs(account.Leads.Count - 96_000) <= 96_000 * 0.04, $"{account.Leads.Count} leads");
        Assert.True(Math.Abs(records - 1_240_000) <= 1_240_000 * 0.04,
            $"{records} records: {account.Events.Count} events, {account.Notes.Count} notes, {account.Tasks.Count} tasks");
    }

    [Fact]
    public void Generate_SameSeed_SameActivities()
    {
        var options = new SimulatorOptions { Employees = 3, Months = 1 };

        var first = AccountGenerator.Generate(options, Anchor);
        var second = AccountGenerator.Generate(options, Anchor);

        Assert.Equal(first.Notes, second.Notes);
        Assert.Equal(first.Tasks, second.Tasks);
    }
}

using KpiSync.IntegrationTests.Support;

namespace KpiSync.IntegrationTests.Cli;

/// <summary><c>connections check</c> says where the connection's payments come from.</summary>
public sealed class PaymentSourceCliTests(PostgresServer server)
{
    [Fact]
    public async Task Check_AccountWithInvoices_NamesTheCatalogAndItsInvoices()
    {
        await using var h = await CycleHarness.StartAsync(server, "check_invoices");
        await h.RunCycleAsync();

        var check = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "connections", "check", "--name", CycleHarness.ConnectionName);

        Assert.True(check.ExitCode == 0, check.All);
        Assert.Contains($"payments: invoices catalog 6001 ({h.Simulator.State.Account.Invoices.Count} invoices)", check.Output);
    }

    [Fact]
    public async Task Check_AccountWithoutInvoices_NamesThePaidField()
    {
        var o = CycleHarness.Options();
        await using var h = await CycleHarness.StartAsync(server, "check_paid_field", new KpiSync.CrmSimulator.SimulatorOptions
        {
            Seed = o.Seed, Employees = o.Employees, Months = o.Months, Anchor = o.Anchor, RequestsPerSecond = 0, TimeProvider = o.TimeProvider,
            InvoicesCatalog = false,
        });

        var check = await KpiSyncProcess.RunAsync(h.ConnectionString, null, "connections", "check", "--name", CycleHarness.ConnectionName);

        Assert.True(check.ExitCode == 0, check.All);
        Assert.Contains("payments: lead field 'Оплачено'", check.Output);
    }
}

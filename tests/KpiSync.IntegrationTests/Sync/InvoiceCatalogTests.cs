using System.Globalization;
using KpiSync.CrmSimulator.Generation;
using KpiSync.IntegrationTests.Support;
using KpiSync.Kpis.Indicators;

namespace KpiSync.IntegrationTests.Sync;

/// <summary>
/// Accounts that keep money in the invoices catalog: receivables follow the invoices (KPI.md: invoiced − paid, per deal,
/// for the deal's responsible), checked against the simulator's own invoices; accounts without one keep the paid field.
/// </summary>
public sealed class InvoiceCatalogTests(PostgresServer server)
{
    private const string Running = "2026-10"; // CycleHarness.Now is 2026-10-20: the running month ends "now"

    [Fact]
    public async Task Cycle_AccountWithInvoices_ReceivablesPerEmployeeFollowTheSimulatorsInvoices()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Cycle_AccountWithInvoices_ReceivablesPerEmployeeFollowTheSimulatorsInvoices));

        await h.RunCycleAsync();

        Assert.Equal(InvoiceLayout.CatalogId, await h.ScalarAsync<long>("select catalog_id from kpisync.invoice_catalogs"));
        Assert.Equal((long)Invoices(h).Count, await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events where kind = 'invoice'"));
        var expected = Expected(h);
        Assert.True(expected.Values.Sum(v => v.Receivables) > 0 && expected.Values.Sum(v => v.Overdue) > 0, "the account should owe something, some of it overdue");
        Assert.Equal(expected, await ActualAsync(h));
    }

    [Fact]
    public async Task Cycle_InvoiceDeletedInTheCrm_StopsCounting()
    {
        await using var h = await CycleHarness.StartAsync(server, nameof(Cycle_InvoiceDeletedInTheCrm_StopsCounting));
        await h.RunCycleAsync();
        var unpaid = Invoices(h).First(i => i.Status == InvoiceLayout.Created && i.CreatedAt < CycleHarness.Now.ToUnixTimeSeconds() && Lead(h, i.LeadId) is not null);

        // The invoices catalog is read-only through the API (as the account's own): the test removes one from the generated account.
        ((List<InvoiceElement>)h.Simulator.State.Account.Invoices).Remove(unpaid);
        await h.RunCycleAsync();

        Assert.Equal("invoice_void", await h.ScalarAsync<string>($"select kind from kpisync.funnel_events where source_key = 'invoice:{unpaid.Id}'"));
        Assert.Equal(Expected(h), await ActualAsync(h));
    }

    [Fact]
    public async Task Cycle_AccountWithoutInvoices_PaymentsComeFromThePaidField()
    {
        var options = CycleHarness.Options();
        await using var h = await CycleHarness.StartAsync(server, nameof(Cycle_AccountWithoutInvoices_PaymentsComeFromThePaidField),
            new KpiSync.CrmSimulator.SimulatorOptions
            {
                Seed = options.Seed, Employees = options.Employees, Months = options.Months, Anchor = options.Anchor, RequestsPerSecond = 0,
                TimeProvider = options.TimeProvider, InvoicesCatalog = false,
            });

        await h.RunCycleAsync();

        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.invoice_catalogs"));
        Assert.Equal(0L, await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events where kind like 'invoice%'"));
        Assert.True(await h.ScalarAsync<long>("select count(*) from kpisync.funnel_events where kind = 'payment'") > 0);
        // Won deals owe their price less the paid field: the total equals the won leads' unpaid remainder owned now.
        var owed = h.Simulator.State.Leads.Where(l => l.StatusId == 142 && !h.Simulator.State.DeletedLeadIds.Contains(l.Id))
            .Sum(l => (decimal)Math.Max(0, l.Price - (l.Details.Paid ?? 0)));
        Assert.Equal(owed, await h.ScalarAsync<decimal>($"select coalesce(sum(value), 0) from kpisync.kpi_values where period = '{Running}' and indicator = '{IndicatorKeys.Receivables}'"));
    }

    private static IReadOnlyList<InvoiceElement> Invoices(CycleHarness h) => h.Simulator.State.Account.Invoices;

    private static KpiSync.CrmSimulator.SimLead? Lead(CycleHarness h, long id) =>
        h.Simulator.State.DeletedLeadIds.Contains(id) ? null : h.Simulator.State.Leads.FirstOrDefault(l => l.Id == id);

    /// <summary>
    /// The running month's receivables per employee, from the simulator's invoices alone: per deal, invoiced minus paid
    /// before now (paid and paid in advance in full; partially paid: the lead's paid amount, at most the price), for the
    /// lead's responsible now; overdue where the lead's payment due date is before now.
    /// </summary>
    private static Dictionary<long, (decimal Receivables, decimal Overdue)> Expected(CycleHarness h)
    {
        var now = CycleHarness.Now.ToUnixTimeSeconds();
        var result = new Dictionary<long, (decimal, decimal)>();
        foreach (var deal in Invoices(h).Where(i => i.CreatedAt < now).GroupBy(i => i.LeadId))
        {
            if (Lead(h, deal.Key) is not { } lead)
            {
                continue;
            }

            var invoiced = deal.Sum(i => (decimal)i.Price);
            var paid = deal.Where(i => (i.PaymentDate ?? i.UpdatedAt) < now).Sum(i => InvoiceLayout.Statuses[i.Status].Code switch
            {
                "paid" or "paid_in_advance" => i.Price,
                "partially_paid" => Math.Min(i.Price, lead.Details.Paid ?? 0),
                _ => 0m,
            });
            var owed = Math.Max(0, invoiced - paid);
            if (owed == 0)
            {
                continue;
            }

            var overdue = lead.Details.PaymentDue is { } due && due < now ? owed : 0;
            var (r, o) = result.GetValueOrDefault(lead.ResponsibleUserId);
            result[lead.ResponsibleUserId] = (r + owed, o + overdue);
        }

        return result;
    }

    private static async Task<Dictionary<long, (decimal Receivables, decimal Overdue)>> ActualAsync(CycleHarness h)
    {
        var rows = await KpiDashboardData.ListAsync<string>(h, $"""
            select employee_id || ':' || coalesce(sum(value) filter (where indicator = '{IndicatorKeys.Receivables}'), 0)
                                || ':' || coalesce(sum(value) filter (where indicator = '{IndicatorKeys.ReceivablesOverdue}'), 0)
            from kpisync.kpi_values where period = '{Running}' group by employee_id
            """);
        return rows.Select(r => r.Split(':'))
            .Select(p => (Employee: long.Parse(p[0], CultureInfo.InvariantCulture), R: decimal.Parse(p[1], CultureInfo.InvariantCulture), O: decimal.Parse(p[2], CultureInfo.InvariantCulture)))
            .Where(x => x.R != 0 || x.O != 0)
            .ToDictionary(x => x.Employee, x => (x.R, x.O));
    }
}

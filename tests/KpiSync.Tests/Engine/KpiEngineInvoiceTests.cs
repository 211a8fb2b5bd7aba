using static KpiSync.Tests.Engine.EngineScenario;

namespace KpiSync.Tests.Engine;

/// <summary>Receivables where the CRM keeps invoices: invoiced up to the period's end minus paid up to it (KPI.md).</summary>
public sealed class KpiEngineInvoiceTests
{
    [Fact]
    public void Receivables_KpiMdExampleFromAnInvoice_40000OwedAndOverdueAtMonthEnd()
    {
        // Invoiced 100 000 due on the 10th, 60 000 paid → 40 000 owed, all overdue at the end of the month.
        var cells = new EngineScenario { OwedFromInvoices = true }
            .Deal(1, A, At(10, 1), 100_000, d => d with { PaymentDue = At(10, 10) }, Invoiced(At(10, 2), 100_000), Won(At(10, 3)), InvoicePaid(At(10, 8), 60_000))
            .Run();

        var oct = cells[(A, "2026-10")];
        Assert.Equal(40_000m, oct.Receivables);
        Assert.Equal(40_000m, oct.ReceivablesOverdue);
        Assert.Equal(60_000m, oct.Payments);
    }

    [Fact]
    public void Receivables_OpenDealWithAnInvoice_Owes_WonDealWithoutOne_DoesNot()
    {
        var cells = new EngineScenario { OwedFromInvoices = true }
            .Deal(1, A, At(10, 1), 5000, null, Invoiced(At(10, 5), 2000))
            .Deal(2, A, At(10, 1), 7000, null, Won(At(10, 6)))
            .Run();

        var oct = cells[(A, "2026-10")];
        Assert.Equal(2000m, oct.Receivables);   // the prepayment invoice of the open deal; the won deal was never invoiced
        Assert.Equal(0m, oct.ReceivablesOverdue);   // no due date
        Assert.Equal(1, oct.DealsInWork);
    }

    [Fact]
    public void Receivables_InvoicedAfterTheMonth_CountsFromItsOwnMonth_PaidLaterClearsIt()
    {
        var cells = new EngineScenario { OwedFromInvoices = true }
            .Deal(1, A, At(10, 1), 3000, d => d with { PaymentDue = At(11, 15) }, Won(At(10, 20)), Invoiced(At(11, 2), 3000), InvoicePaid(At(11, 10), 1000))
            .Deal(2, A, At(10, 1), 900, null, Invoiced(At(10, 3), 900), InvoicePaid(At(10, 4), 1200))
            .Run();

        Assert.Equal(0m, cells[(A, "2026-10")].Receivables);   // deal 1 not yet invoiced; deal 2 overpaid counts max(0, …)
        Assert.Equal(2000m, cells[(A, "2026-11")].Receivables);
        Assert.Equal(2000m, cells[(A, "2026-11")].ReceivablesOverdue);   // due on the 15th, before "now" (the 20th)
    }

    [Fact]
    public void Receivables_TwoInvoicesOnOneDeal_AreSummed()
    {
        var cells = new EngineScenario { OwedFromInvoices = true }
            .Deal(1, A, At(10, 1), 10_000, null, Invoiced(At(10, 2), 4000), Invoiced(At(10, 3), 6000), InvoicePaid(At(10, 4), 4000))
            .Run();

        Assert.Equal(6000m, cells[(A, "2026-10")].Receivables);
    }

    [Fact]
    public void Receivables_WithoutInvoices_InvoiceFactsAreIgnored_TheWonPriceIsOwed()
    {
        var cells = new EngineScenario()
            .Deal(1, A, At(10, 1), 8000, null, Invoiced(At(10, 2), 100), Won(At(10, 3)), Paid(At(10, 4), 3000), InvoicePaid(At(10, 5), 500))
            .Run();

        Assert.Equal(5000m, cells[(A, "2026-10")].Receivables);
        Assert.Equal(3000m, cells[(A, "2026-10")].Payments);
    }

    [Fact]
    public void Payments_WithInvoices_OnlyPaymentsAgainstInvoicesCount_NotThePaidFieldsChanges()
    {
        // The store keeps both sources; counting both would take the same money twice.
        var cells = new EngineScenario { OwedFromInvoices = true }
            .Deal(1, A, At(10, 1), 8000, null, Invoiced(At(10, 2), 8000), Paid(At(10, 4), 3000), InvoicePaid(At(10, 4), 3000))
            .Run();

        Assert.Equal(5000m, cells[(A, "2026-10")].Receivables);
        Assert.Equal(3000m, cells[(A, "2026-10")].Payments);
    }
}

using KpiSync.Kpis.Facts;

namespace KpiSync.Kpis.Engine;

/// <summary>Replays a deal's facts forward in time, once, keeping the state the period sweep reads.</summary>
internal sealed class DealReplay(DealRecord deal, DealHistory history, bool fromInvoices = false)
{
    private int _next;

    public long? Responsible { get; private set; } = history.InitialResponsible;

    public long? Stage { get; private set; } = history.InitialStage;

    public bool IsOpen => !IsWon && !_lost;

    public bool IsWon { get; private set; }

    private bool _lost;

    /// <summary>The price owed at the last win (the amount invoiced where the CRM has no invoices).</summary>
    public decimal Owed { get; private set; }

    public decimal Paid { get; private set; }

    /// <summary>The sum of the deal's invoices so far.</summary>
    public decimal Invoiced { get; private set; }

    public bool HasInvoice { get; private set; }

    /// <summary>The payments that count: against invoices where the CRM keeps them, else the paid-amount field's changes.</summary>
    public static DealFactKind PaymentKind(bool fromInvoices) => fromInvoices ? DealFactKind.InvoicePayment : DealFactKind.Payment;

    /// <summary>What the deal owes by now, before payments: its invoices, or its price at the last win where the CRM has no invoices.</summary>
    public decimal OwedBy() => fromInvoices ? Invoiced : IsWon ? Owed : 0;

    public bool OwesAnything() => fromInvoices ? HasInvoice : IsWon;

    /// <summary>Applies every fact before <paramref name="until"/>; true when the deal was open at some moment on the way.</summary>
    public bool AdvanceTo(DateTimeOffset until)
    {
        var wasOpen = false;
        while (_next < deal.Facts.Count && deal.Facts[_next].At < until)
        {
            var f = deal.Facts[_next++];
            switch (f.Kind)
            {
                case DealFactKind.Won:
                    IsWon = true;
                    _lost = false;
                    Owed = f.Amount ?? deal.Price;
                    break;
                case DealFactKind.Lost:
                    IsWon = false;
                    _lost = true;
                    break;
                case DealFactKind.Reopened or DealFactKind.StageChanged:
                    IsWon = false;
                    _lost = false;
                    break;
                case DealFactKind.Payment or DealFactKind.InvoicePayment when f.Kind == PaymentKind(fromInvoices):
                    Paid += f.Amount ?? 0;
                    break;
                case DealFactKind.Invoiced:
                    Invoiced += f.Amount ?? 0;
                    HasInvoice = true;
                    break;
                case DealFactKind.ResponsibleChanged when f.ToEmployee is { } to:
                    Responsible = to;
                    break;
            }

            Stage = f.StageTo ?? Stage;
            wasOpen |= IsOpen;
        }

        return wasOpen;
    }
}

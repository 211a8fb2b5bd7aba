namespace KpiSync.Sync;

/// <summary>The fact kinds of the funnel event store (KPI.md vocabulary).</summary>
public static class FactKinds
{
    public const string DealCreated = "deal_created";
    public const string StageChanged = "stage_changed";
    public const string DealWon = "deal_won";
    public const string DealLost = "deal_lost";
    public const string DealReopened = "deal_reopened";
    public const string ResponsibleChanged = "responsible_changed";

    /// <summary>The deal was deleted in the CRM; it stays as a tombstone and stops counting in KPIs.</summary>
    public const string DealDeleted = "deal_deleted";

    public const string DealRestored = "deal_restored";
    public const string CallIn = "call_in";
    public const string CallOut = "call_out";

    /// <summary>Money received for a deal: a rise of its paid amount (a fall is a refund, with a negative amount).</summary>
    public const string Payment = "payment";

    /// <summary>An invoice of the account's invoices catalog, for its BILL_PRICE, on its creation date.</summary>
    public const string Invoice = "invoice";

    /// <summary>Money received against an invoice (its status says paid); counts instead of <see cref="Payment"/> where the account keeps invoices.</summary>
    public const string InvoicePayment = "invoice_payment";

    /// <summary>A meeting task; <see cref="FunnelFact.Outcome"/> 1 when completed.</summary>
    public const string Meeting = "meeting";

    /// <summary>Any other task (e.g. amoCRM type 1, follow-up); <see cref="FunnelFact.Outcome"/> 1 when completed.</summary>
    public const string Task = "task";
}

namespace KpiSync.Kpis.Facts;

public enum DealFactKind : byte
{
    Created,
    StageChanged,
    Won,
    Lost,

    /// <summary>A move out of won or lost back into an open stage.</summary>
    Reopened,
    ResponsibleChanged,

    /// <summary>Money received (a negative amount is a refund).</summary>
    Payment,

    /// <summary>An invoice issued for the deal, for <see cref="DealFact.Amount"/> (counts only where
    /// <see cref="Engine.KpiEngineContext.OwedFromInvoices"/>).</summary>
    Invoiced,

    /// <summary>Money received against an invoice. Counts instead of <see cref="Payment"/> (a paid-amount field's changes)
    /// where <see cref="Engine.KpiEngineContext.OwedFromInvoices"/>: the store keeps both, the account's mode picks one.</summary>
    InvoicePayment,
}

using System.Globalization;
using System.Text.Json;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// An invoice of the invoices catalog → an invoice fact and, when its status says money came, a payment fact
/// (README "Sync rules"). Fields are found by <c>field_code</c>, the status by its <c>enum_code</c>.
/// </summary>
internal static class AmoInvoiceMapper
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The invoice fact's key; its payment's is this plus <c>:paid</c>.</summary>
    public static string KeyOf(long invoiceId) => "invoice:" + invoiceId.ToString(CultureInfo.InvariantCulture);

    public static string PaymentKeyOf(long invoiceId) => KeyOf(invoiceId) + ":paid";

    /// <summary>The invoice id in a key of <see cref="KeyOf"/> or <see cref="PaymentKeyOf"/>; null for any other key.</summary>
    public static long? InvoiceIdOf(string key)
    {
        const string Prefix = "invoice:";
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = key.AsSpan(Prefix.Length);
        var end = id.IndexOf(':');
        return long.TryParse(end < 0 ? id : id[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary>
    /// Maps <paramref name="invoice"/> of the deal <paramref name="leadId"/> (responsible <paramref name="owner"/>); a
    /// well-formed invoice of no deal we know is skipped (a lead that links to it, read later, brings it in).
    /// <c>paid</c> and <c>paid_in_advance</c> are paid in full; <c>partially_paid</c> is paid the deal's paid-amount field,
    /// at most the invoice's price (amoCRM keeps no paid amount on an invoice) and nothing where the deal has none;
    /// <c>created</c> is unpaid. A payment is dated by BILL_PAYMENT_DATE, else by the invoice's last change.
    /// </summary>
    public static MapResult<InvoiceFacts> Map(AmoInvoice invoice, long? leadId, DealOwner? owner, DateTimeOffset now)
    {
        var status = Field(invoice, "BILL_STATUS") is { } s ? s.EnumCode ?? Text(s.Value) : null;
        var price = Field(invoice, "BILL_PRICE")?.Value is { } p ? Number(p) : null;
        var created = DateTimeOffset.FromUnixTimeSeconds(invoice.CreatedAt);
        var reason = (status, price) switch
        {
            (null, _) => "no BILL_STATUS",
            (not ("created" or "paid" or "paid_in_advance" or "partially_paid"), _) => $"unknown BILL_STATUS '{status}'",
            (_, null) => "no BILL_PRICE, or not a number",
            (_, < 0) => "negative BILL_PRICE",
            _ when created < Earliest || created > now.AddDays(1) => $"created_at {created:u} is before 2000 or in the future",
            _ => null,
        };
        if (reason is not null)
        {
            return MapResult<InvoiceFacts>.Reject(reason);
        }

        if (leadId is null || owner is null)
        {
            return MapResult<InvoiceFacts>.Skip;
        }

        var invoiced = new FunnelFact(KeyOf(invoice.Id), FactKinds.Invoice, owner.Responsible, leadId, created, Amount: price);
        decimal? paid = status switch
        {
            "paid" or "paid_in_advance" => price,
            "partially_paid" when owner.PaidAmount is > 0 and var field => Math.Min(field, price!.Value),
            _ => null,
        };
        var paidAt = Field(invoice, "BILL_PAYMENT_DATE")?.Value is { } d && Date(d) is { } date ? date : DateTimeOffset.FromUnixTimeSeconds(invoice.UpdatedAt);
        var payment = paid is null ? null : new FunnelFact(PaymentKeyOf(invoice.Id), FactKinds.InvoicePayment, owner.Responsible, leadId, paidAt, Amount: paid);
        return MapResult<InvoiceFacts>.Ok(new InvoiceFacts(invoiced, payment));
    }

    private static AmoFieldValue? Field(AmoInvoice invoice, string code) =>
        invoice.CustomFieldsValues?.FirstOrDefault(f => string.Equals(f.FieldCode, code, StringComparison.OrdinalIgnoreCase))?.Values is [var first, ..] ? first : null;

    private static string? Text(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Money comes back as text ("10000") on real accounts, sometimes as a JSON number.</summary>
    private static decimal? Number(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDecimal(),
        JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>Dates come back as unix seconds, or as text where they were written as text (README §4.10).</summary>
    private static DateTimeOffset? Date(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var unix) => DateTimeOffset.FromUnixTimeSeconds(unix),
        JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var unix) => DateTimeOffset.FromUnixTimeSeconds(unix),
        JsonValueKind.String when DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };
}

/// <summary>An invoice's facts: always the invoice; the payment when its status says money came.</summary>
internal sealed record InvoiceFacts(FunnelFact Invoiced, FunnelFact? Payment);

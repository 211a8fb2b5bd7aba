using System.Text.Json;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;
using KpiSync.Sync;

namespace KpiSync.Tests.Crm.AmoCrm;

/// <summary>An invoice → its facts, per BILL_STATUS (README "Sync rules").</summary>
public sealed class AmoInvoiceMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Created = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void InvoiceIdOf_ReadsBackTheIdOfBothKeys_AndNothingFromOtherKeys()
    {
        Assert.Equal(55, AmoInvoiceMapper.InvoiceIdOf(AmoInvoiceMapper.KeyOf(55)));
        Assert.Equal(55, AmoInvoiceMapper.InvoiceIdOf(AmoInvoiceMapper.PaymentKeyOf(55)));
        Assert.Null(AmoInvoiceMapper.InvoiceIdOf("deal:55"));
        Assert.Null(AmoInvoiceMapper.InvoiceIdOf("invoice:x"));
    }
    private static readonly DateTimeOffset PaidOn = new(2026, 10, 8, 0, 0, 0, TimeSpan.Zero);
    private static readonly DealOwner Owner = new(Responsible: 7, Price: 100_000, PaidAmount: 60_000);

    [Fact]
    public void Map_Created_IsInvoicedForItsPriceOnItsCreationDate_AndUnpaid()
    {
        var facts = Ok(Invoice("created", "100000"));

        Assert.Equal(new FunnelFact("invoice:55", FactKinds.Invoice, 7, 3001, Created, Amount: 100_000), facts.Invoiced);
        Assert.Null(facts.Payment);
    }

    [Theory]
    [InlineData("paid")]
    [InlineData("paid_in_advance")]
    public void Map_Paid_IsPaidInFullOnThePaymentDate(string status)
    {
        var facts = Ok(Invoice(status, "100000", PaidOn.ToUnixTimeSeconds()));

        Assert.Equal(new FunnelFact("invoice:55:paid", FactKinds.InvoicePayment, 7, 3001, PaidOn, Amount: 100_000), facts.Payment);
    }

    [Fact]
    public void Map_PartiallyPaid_IsPaidTheDealsPaidAmount_AtMostThePrice()
    {
        Assert.Equal(60_000m, Ok(Invoice("partially_paid", "100000", PaidOn.ToUnixTimeSeconds())).Payment!.Amount);
        Assert.Equal(40_000m, Ok(Invoice("partially_paid", "40000", PaidOn.ToUnixTimeSeconds())).Payment!.Amount);
        Assert.Null(Ok(Invoice("partially_paid", "100000"), Owner with { PaidAmount = null }).Payment);
    }

    [Fact]
    public void Map_PaidWithoutAPaymentDate_IsPaidWhenTheInvoiceLastChanged()
    {
        Assert.Equal(Created.AddDays(2), Ok(Invoice("paid", "100000")).Payment!.OccurredAt);
    }

    [Theory]
    [InlineData(null, "100000", "no BILL_STATUS")]
    [InlineData("cancelled", "100000", "unknown BILL_STATUS 'cancelled'")]
    [InlineData("paid", null, "no BILL_PRICE, or not a number")]
    [InlineData("paid", "lots", "no BILL_PRICE, or not a number")]
    [InlineData("created", "-5", "negative BILL_PRICE")]
    public void Map_Malformed_IsRejectedWithItsReason(string? status, string? price, string reason)
    {
        Assert.Equal(reason, AmoInvoiceMapper.Map(Invoice(status, price), 3001, Owner, Now).RejectReason);
    }

    [Fact]
    public void Map_WellFormedOfNoKnownDeal_IsSkipped()
    {
        var r = AmoInvoiceMapper.Map(Invoice("paid", "100"), null, null, Now);

        Assert.Null(r.Value);
        Assert.Null(r.RejectReason);
    }

    private static InvoiceFacts Ok(AmoInvoice invoice, DealOwner? owner = null) =>
        AmoInvoiceMapper.Map(invoice, 3001, owner ?? Owner, Now).Value!;

    /// <summary>An invoice as amoCRM serves it: the status a select value with its enum_code, the price as text.</summary>
    private static AmoInvoice Invoice(string? status, string? price, long? paidAt = null)
    {
        var fields = new List<AmoFieldValues>();
        if (status is not null)
        {
            fields.Add(new AmoFieldValues(700001, [new AmoFieldValue(JsonSerializer.SerializeToElement("Статус"), 710001, status)], "BILL_STATUS"));
        }

        if (price is not null)
        {
            fields.Add(new AmoFieldValues(700002, [new AmoFieldValue(JsonSerializer.SerializeToElement(price))], "BILL_PRICE"));
        }

        if (paidAt is { } at)
        {
            fields.Add(new AmoFieldValues(700003, [new AmoFieldValue(JsonSerializer.SerializeToElement(at))], "BILL_PAYMENT_DATE"));
        }

        return new AmoInvoice(55, "Счёт №1", Created.ToUnixTimeSeconds(), Created.AddDays(2).ToUnixTimeSeconds(), false, fields);
    }
}

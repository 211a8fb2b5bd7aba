namespace KpiSync.CrmSimulator.Generation;

/// <summary>The account's pre-existing invoices catalog ("Счета/Покупки") and its BILL_* fields.</summary>
internal static class InvoiceLayout
{
    public const long CatalogId = 6001;
    public const string CatalogName = "Счета/Покупки";
    public const long FirstElementId = 500000001;
    public const long StatusFieldId = 700001;
    public const long PriceFieldId = 700002;
    public const long PaymentDateFieldId = 700003;
    public const int Created = 0;
    public const int Paid = 1;
    public const int PartiallyPaid = 2;

    /// <summary>Indexed by <see cref="Created"/>, <see cref="Paid"/> and <see cref="PartiallyPaid"/>.</summary>
    public static IReadOnlyList<FieldEnum> Statuses { get; } =
    [
        new(710001, "Создан", 1, "created"), new(710002, "Оплачен", 2, "paid"),
        new(710003, "Частично оплачен", 3, "partially_paid"), new(710004, "Оплачен авансом", 4, "paid_in_advance"),
    ];

    public static IReadOnlyList<FieldDefinition> Fields { get; } =
    [
        new(StatusFieldId, "Статус", "select", "BILL_STATUS", 10, Statuses),
        new(PriceFieldId, "Итоговая сумма к оплате", "price", "BILL_PRICE", 20),
        new(PaymentDateFieldId, "Дата оплаты", "date", "BILL_PAYMENT_DATE", 30),
    ];
}

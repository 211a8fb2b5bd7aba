namespace KpiSync.CrmSimulator.Generation;

/// <summary>Fixed ids of the account's lead custom fields, tags, sources and loss reasons.</summary>
internal static class LeadFieldLayout
{
    public const long CostFieldId = 1100001;
    public const long SegmentFieldId = 1100002;
    public const long ProductFieldId = 1100003;
    public const long PaidFieldId = 1100004;
    public const long PaymentDueFieldId = 1100005;

    public static IReadOnlyList<FieldEnum> Segments { get; } =
        [new(1200001, "SMB", 1), new(1200002, "Mid-market", 2), new(1200003, "Enterprise", 3)];

    public static IReadOnlyList<FieldEnum> Products { get; } =
    [
        new(1200011, "CRM", 1), new(1200012, "Телефония", 2), new(1200013, "Аналитика", 3),
        new(1200014, "Внедрение", 4), new(1200015, "Техподдержка", 5),
    ];

    /// <summary>In sort order, which is also the order values are served in.</summary>
    public static IReadOnlyList<FieldDefinition> Fields { get; } =
    [
        new(SegmentFieldId, "Сегмент", "select", null, 10, Segments),
        new(ProductFieldId, "Продукт", "select", null, 20, Products),
        new(CostFieldId, "Себестоимость", "numeric", null, 30),
        new(PaidFieldId, "Оплачено", "numeric", null, 40),
        new(PaymentDueFieldId, "Срок оплаты", "date", null, 50),
    ];

    public static IReadOnlyList<LeadTag> Tags { get; } =
        [new(9200001, "VIP"), new(9200002, "Повторная продажа"), new(9200003, "Партнёр")];

    public static IReadOnlyList<int> SourceIds { get; } = [9300001, 9300002, 9300003, 9300004];

    /// <summary>Names of <see cref="AccountLayout.LossReasonIds"/>, in the same order.</summary>
    public static IReadOnlyList<string> LossReasonNames { get; } =
        ["Дорого", "Выбрали конкурента", "Пропала потребность", "Не дозвонились"];
}

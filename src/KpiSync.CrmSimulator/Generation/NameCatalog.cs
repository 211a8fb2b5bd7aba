namespace KpiSync.CrmSimulator.Generation;

/// <summary>Word lists for people, lead titles and call texts. Russian names come with a Latin spelling for e-mails.</summary>
internal static class NameCatalog
{
    public static IReadOnlyList<(string Name, string Latin, bool Female)> RussianFirstNames { get; } =
    [
        ("Анна", "anna", true), ("Мария", "maria", true), ("Елена", "elena", true), ("Ольга", "olga", true),
        ("Наталья", "natalia", true), ("Ирина", "irina", true), ("Татьяна", "tatiana", true), ("Светлана", "svetlana", true),
        ("Дмитрий", "dmitry", false), ("Алексей", "alexey", false), ("Сергей", "sergey", false), ("Андрей", "andrey", false),
        ("Иван", "ivan", false), ("Михаил", "mikhail", false), ("Николай", "nikolay", false), ("Павел", "pavel", false),
    ];

    /// <summary>Masculine forms; all end in -ов/-ев/-ин, so the feminine form adds "а".</summary>
    public static IReadOnlyList<(string Name, string Latin)> RussianLastNames { get; } =
    [
        ("Петров", "petrov"), ("Иванов", "ivanov"), ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"),
        ("Соколов", "sokolov"), ("Попов", "popov"), ("Лебедев", "lebedev"), ("Волков", "volkov"),
        ("Морозов", "morozov"), ("Новиков", "novikov"), ("Фёдоров", "fedorov"), ("Никитин", "nikitin"),
        ("Зайцев", "zaitsev"), ("Павлов", "pavlov"), ("Семенов", "semenov"), ("Голубев", "golubev"),
    ];

    public static IReadOnlyList<string> EnglishFirstNames { get; } =
    [
        "James", "Emily", "Oliver", "Sophie", "Daniel", "Grace", "Thomas", "Chloe",
        "William", "Hannah", "George", "Lucy", "Henry", "Alice", "Jack", "Megan",
    ];

    public static IReadOnlyList<string> EnglishLastNames { get; } =
    [
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker",
        "Wright", "Thompson", "Hughes", "Clarke", "Turner", "Baker", "Harris", "Cooper",
    ];

    public static IReadOnlyList<string> Products { get; } =
    [
        "Поставка оборудования", "Внедрение CRM", "Годовая подписка", "Разработка сайта", "Аудит процессов",
        "Обучение персонала", "Techsupport contract", "Cloud migration", "Annual license", "Consulting package",
        "Интеграция с 1С", "Корпоративный тариф",
    ];

    public static IReadOnlyList<string> Companies { get; } =
    [
        "ООО «Вектор»", "АО «Северсталь-Сервис»", "ООО «Ромашка»", "ИП Соколова", "ООО «ТехноПарк»",
        "ГК «Меридиан»", "ООО «Альфа-Трейд»", "Northwind Ltd", "Contoso LLC", "Fabrikam Inc",
        "ООО «Гелиос»", "ЗАО «Прогресс»", "ООО «СтройМаркет»", "Blue Yonder GmbH", "ООО «Логистик+»",
        "ООО «Кварц»", "АО «Энергия»", "Tailspin Toys", "ООО «Орион»", "ООО «Феникс»",
    ];

    /// <summary>call_result text per call_status 1..7 (index 0 unused).</summary>
    public static IReadOnlyList<string> CallResults { get; } =
    [
        "", "Оставил сообщение", "Перезвонить позже", "Абонент недоступен", "Разговор состоялся",
        "Неверный номер", "Нет связи", "Линия занята",
    ];

    public static IReadOnlyList<string> CallSources { get; } = ["onlinePBX", "onlinePBX", "Mango Office", "Zadarma"];

    public static IReadOnlyList<string> MeetingTexts { get; } =
        ["Встреча с клиентом", "Презентация продукта", "Демонстрация в офисе клиента", "Meeting: contract review"];

    public static IReadOnlyList<string> MeetingResults { get; } =
        ["Встреча проведена, клиент заинтересован", "Провели демо, ждём решения", "Meeting held", "Обсудили условия договора"];

    public static IReadOnlyList<string> FollowUpTexts { get; } =
        ["Перезвонить клиенту", "Отправить КП", "Уточнить бюджет", "Follow up on the offer"];

    public static IReadOnlyList<string> FollowUpResults { get; } =
        ["Созвонились", "КП отправлено", "Клиент думает", "Done"];
}

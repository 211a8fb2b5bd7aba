using KpiSync.Kpis.Indicators;

namespace KpiSync.Publishing;

/// <summary>
/// What reps read as a field's name, in Russian or English. The name is only a label: the field is found by its
/// <c>code</c> (the key), so an admin may rename it in the CRM.
/// </summary>
internal static class FieldNames
{
    public const string Russian = "ru";
    public const string English = "en";

    private static readonly Dictionary<string, (string Ru, string En)> Names = new(StringComparer.Ordinal)
    {
        [IndicatorKeys.Calls] = ("Звонки", "Calls"),
        [IndicatorKeys.CallsOut] = ("Исходящие звонки", "Outgoing calls"),
        [IndicatorKeys.CallsIn] = ("Входящие звонки", "Incoming calls"),
        [IndicatorKeys.CallSeconds] = ("Время разговоров, с", "Talk time, s"),
        [IndicatorKeys.CallsAttempted] = ("Попытки звонков", "Call attempts"),
        [IndicatorKeys.Meetings] = ("Встречи", "Meetings"),
        [IndicatorKeys.Touches] = ("Касания", "Touches"),
        [IndicatorKeys.DealsCreated] = ("Создано сделок", "Deals created"),
        [IndicatorKeys.DealsInWork] = ("Сделок в работе", "Deals in progress"),
        [IndicatorKeys.ResponseMinutes] = ("Время реакции, мин", "Response time, min"),
        [IndicatorKeys.ResponseMinutesP90] = ("Время реакции p90, мин", "Response time p90, min"),
        [IndicatorKeys.Attention] = ("Касаний на сделку", "Touches per deal"),
        [IndicatorKeys.DealsWon] = ("Выиграно сделок", "Deals won"),
        [IndicatorKeys.DealsLost] = ("Проиграно сделок", "Deals lost"),
        [IndicatorKeys.Revenue] = ("Выручка", "Revenue"),
        [IndicatorKeys.Conversion] = ("Конверсия", "Conversion"),
        [IndicatorKeys.CohortConversion] = ("Конверсия когорты", "Cohort conversion"),
        [IndicatorKeys.Funnel] = ("Конверсия воронки", "Funnel conversion"),
        [IndicatorKeys.AverageCheck] = ("Средний чек", "Average check"),
        [IndicatorKeys.Receivables] = ("Дебиторская задолженность", "Receivables"),
        [IndicatorKeys.ReceivablesOverdue] = ("Просроченная задолженность", "Overdue receivables"),
        [IndicatorKeys.IdleHours] = ("Простой, ч", "Idle hours"),
        [IndicatorKeys.ActiveHours] = ("Активность, ч", "Active hours"),
        [IndicatorKeys.Profit] = ("Заработанная прибыль", "Earned profit"),
        [IndicatorKeys.RealDealShare] = ("Доля реальных сделок", "Real deal share"),
        [IndicatorKeys.NewClients] = ("Новые клиенты", "New clients"),
        [IndicatorKeys.RepeatPurchases] = ("Повторные покупки", "Repeat purchases"),
        [IndicatorKeys.ProductCoverage] = ("Охват продуктов", "Product coverage"),
        [IndicatorKeys.Payments] = ("Оплаты", "Payments"),
        [IndicatorKeys.KpiIndex] = ("KPI-индекс", "KPI index"),
        [IndicatorKeys.PayTotal] = ("Зарплата", "Pay"),
        [KpiPublisher.PeriodField] = ("Период", "Period"),
        [KpiPublisher.AsOfField] = ("Данные на", "Data as of"),
    };

    // Countries whose amoCRM accounts work in Russian (amoCRM's Russian-speaking markets).
    private static readonly HashSet<string> RussianCountries = new(["RU", "BY", "KZ", "UZ", "KG", "TJ", "AM", "AZ", "MD"], StringComparer.OrdinalIgnoreCase);

    public static bool Has(string key) => Names.ContainsKey(key);

    /// <summary>The name in <paramref name="language"/> (<see cref="Russian"/>, else English); the key itself for a key
    /// with no name.</summary>
    public static string Of(string key, string language) =>
        Names.TryGetValue(key, out var n) ? (language == Russian ? n.Ru : n.En) : key;

    /// <summary>
    /// The language reps read: the one most active users chose (amoCRM's user <c>lang</c>), else the account's country's;
    /// Russian or English, as those are the names there are.
    /// </summary>
    public static string LanguageOf(IEnumerable<string?> userLanguages, string? country)
    {
        var chosen = userLanguages.Where(l => !string.IsNullOrEmpty(l)).Select(l => l!.StartsWith(Russian, StringComparison.OrdinalIgnoreCase) ? Russian : English)
            .GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        return chosen ?? (country is not null && RussianCountries.Contains(country) ? Russian : English);
    }
}

using System.Globalization;
using System.Text.Json;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// Which lead custom fields hold the cost of goods, client segment, product, paid amount and payment due date.
/// Each is named in the connection's settings, or else found by a usual name (Russian or English) in the account's
/// lead fields. Unmapped fields stay empty.
/// </summary>
internal sealed record LeadFieldMap(long? Cost, long? Segment, long? Product, long? Paid, long? Due)
{
    public static LeadFieldMap None { get; } = new(null, null, null, null, null);

    public static readonly IReadOnlyDictionary<string, string[]> UsualNames = new Dictionary<string, string[]>
    {
        ["cost"] = ["Себестоимость", "Cost", "Cost of goods"],
        ["segment"] = ["Сегмент", "Segment"],
        ["product"] = ["Продукт", "Product"],
        ["paid"] = ["Оплачено", "Paid", "Paid amount"],
        ["due"] = ["Срок оплаты", "Payment due", "Due date"],
    };

    /// <summary>Field ids for the account's <paramref name="fields"/>, following <paramref name="configured"/> (role → field name or id) first.</summary>
    public static LeadFieldMap Resolve(IReadOnlyList<AmoCustomField> fields, IReadOnlyDictionary<string, string> configured)
    {
        long? Find(string role)
        {
            if (configured.TryGetValue(role, out var chosen))
            {
                return fields.FirstOrDefault(f => f.Id.ToString(CultureInfo.InvariantCulture) == chosen || string.Equals(f.Name, chosen, StringComparison.OrdinalIgnoreCase))?.Id;
            }

            return fields.FirstOrDefault(f => UsualNames[role].Contains(f.Name, StringComparer.OrdinalIgnoreCase))?.Id;
        }

        return new LeadFieldMap(Find("cost"), Find("segment"), Find("product"), Find("paid"), Find("due"));
    }

    /// <summary>Numbers come back as strings ("10000") on real accounts, sometimes as JSON numbers.</summary>
    public static decimal? Number(AmoLead lead, long? field) => First(lead, field) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDecimal(),
        { ValueKind: JsonValueKind.String } v when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static string? Text(AmoLead lead, long? field) =>
        First(lead, field) is { } v ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    /// <summary>amoCRM dates come back as unix seconds, or as text where they were written as text.</summary>
    public static DateTimeOffset? Date(AmoLead lead, long? field) => First(lead, field) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var unix) => DateTimeOffset.FromUnixTimeSeconds(unix),
        { ValueKind: JsonValueKind.String } v when DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };

    private static JsonElement? First(AmoLead lead, long? field)
    {
        if (field is null || lead.CustomFieldsValues is null)
        {
            return null;
        }

        var values = lead.CustomFieldsValues.FirstOrDefault(f => f.FieldId == field)?.Values;
        return values is { Count: > 0 } ? values[0].Value : null;
    }
}

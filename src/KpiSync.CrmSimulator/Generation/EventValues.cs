using System.Globalization;

namespace KpiSync.CrmSimulator.Generation;

/// <summary>The raw JSON of event value_after/value_before arrays (README §4.4 shapes) and the phone of a lead's contact.</summary>
internal static class EventValues
{
    public const string Empty = "[]";

    public static string Note(long noteId) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""[{"note":{"id":{{{noteId}}}}}]""");

    public static string Status(long statusId) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""[{"lead_status":{"id":{{{statusId}}},"pipeline_id":{{{AccountLayout.PipelineId}}}}}]""");

    public static string Responsible(long userId) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""[{"responsible_user":{"id":{{{userId}}}}}]""");

    public static string PhoneOf(long leadId) =>
        "+79" + (leadId * 7919 % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
}

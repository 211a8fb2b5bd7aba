using System.Globalization;

namespace KpiSync.Crm;

/// <summary>Links into the CRM's own UI, so an explanation leads straight to the record.</summary>
internal static class CrmLinks
{
    public static Uri Deal(CrmConnection connection, long dealId) => new(connection.BaseUrl, connection.Kind switch
    {
        "bitrix24" => string.Create(CultureInfo.InvariantCulture, $"crm/deal/details/{dealId}/"),
        _ => string.Create(CultureInfo.InvariantCulture, $"leads/detail/{dealId}"),
    });
}

using System.Text.Json;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Crm.AmoCrm;

/// <summary>Re-serializes a parsed record for quarantine, when the record parsed but broke an invariant.</summary>
internal static class AmoCrmJson
{
    public static string Serialize(AmoLead x) => JsonSerializer.Serialize(x, AmoCrmJsonContext.Default.AmoLead);

    public static string Serialize(AmoEvent x) => JsonSerializer.Serialize(x, AmoCrmJsonContext.Default.AmoEvent);

    public static string Serialize(AmoNote x) => JsonSerializer.Serialize(x, AmoCrmJsonContext.Default.AmoNote);

    public static string Serialize(AmoTask x) => JsonSerializer.Serialize(x, AmoCrmJsonContext.Default.AmoTask);

    public static string Serialize(AmoInvoice x) => JsonSerializer.Serialize(x, AmoCrmJsonContext.Default.AmoInvoice);
}

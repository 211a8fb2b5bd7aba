using System.Text.Json;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.CrmSimulator.Api;

internal static partial class LeadEndpoints
{
    /// <summary>README §3.4: a lead in the trash keeps only id, updated_by, updated_at, is_deleted and account_id.</summary>
    private static void WriteDeleted(Utf8JsonWriter writer, SimLead lead, SimulatorRuntime runtime)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", lead.Id);
        foreach (var name in (string[])["name", "price", "responsible_user_id", "group_id", "status_id", "pipeline_id", "loss_reason_id", "created_by"])
        {
            writer.WriteNull(name);
        }

        writer.WriteNumber("updated_by", lead.UpdatedBy);
        writer.WriteNull("created_at");
        writer.WriteNumber("updated_at", lead.UpdatedAt.ToUnixTimeSeconds());
        writer.WriteNull("closed_at");
        writer.WriteNull("closest_task_at");
        writer.WriteBoolean("is_deleted", true);
        writer.WriteNull("custom_fields_values");
        writer.WriteNull("score");
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        writer.WriteNull("labor_cost");
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/{lead.Id}"));
        writer.WriteEndObject();
    }
}

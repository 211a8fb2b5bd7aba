using System.Text.Json;
using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>GET /api/v4/leads with the filters and orders a sync client uses.</summary>
internal static class LeadEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapGet("/api/v4/leads", context => List(context, runtime).WriteAsync(context));

    private static ApiResponse List(HttpContext context, SimulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var updated = QueryFilters.Range(query, "filter[updated_at]");
        var created = QueryFilters.Range(query, "filter[created_at]");
        var closed = QueryFilters.Range(query, "filter[closed_at]");
        var ids = QueryFilters.LongSet(query, "filter[id]");
        var responsible = QueryFilters.LongSet(query, "filter[responsible_user_id]");
        var pipelines = QueryFilters.LongSet(query, "filter[pipeline_id]");
        var hasClosedFilter = query.ContainsKey("filter[closed_at][from]") || query.ContainsKey("filter[closed_at][to]");
        var leads = runtime.State.Leads.Where(lead =>
            updated.InRange(lead.UpdatedAt)
            && created.InRange(lead.CreatedAt)
            && (!hasClosedFilter || (lead.ClosedAt is { } at && closed.InRange(at)))
            && (ids is null || ids.Contains(lead.Id))
            && (responsible is null || responsible.Contains(lead.ResponsibleUserId))
            && (pipelines is null || pipelines.Contains(lead.PipelineId)));
        var ordered = QueryFilters.Order(query, "updated_at", "created_at", "id") switch
        {
            ("updated_at", var desc) => Sorting.By(leads, lead => lead.UpdatedAt.ToUnixTimeSeconds(), lead => lead.Id, desc),
            ("created_at", var desc) => Sorting.By(leads, lead => lead.CreatedAt.ToUnixTimeSeconds(), lead => lead.Id, desc),
            ("id", true) => leads.OrderByDescending(lead => lead.Id),
            _ => leads.OrderBy(lead => lead.Id),
        };
        var malformed = runtime.Options.MalformedLeadIds;
        return Paging.Page(context, runtime, "leads", ordered.ToList(), 250,
            (writer, lead) => Write(writer, lead, runtime, malformed.Contains(lead.Id)));
    }

    /// <summary>The shape of fixtures/amocrm-leads-page-real-account.json; a malformed lead breaks price and created_at.</summary>
    private static void Write(Utf8JsonWriter writer, SimLead lead, SimulatorRuntime runtime, bool malformed)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", lead.Id);
        writer.WriteString("name", lead.Name);
        if (malformed)
        {
            writer.WriteString("price", "not-a-number");
        }
        else
        {
            writer.WriteNumber("price", lead.Price);
        }

        writer.WriteNumber("responsible_user_id", lead.ResponsibleUserId);
        writer.WriteNumber("group_id", 0);
        writer.WriteNumber("status_id", lead.StatusId);
        writer.WriteNumber("pipeline_id", lead.PipelineId);
        WriteNullable(writer, "loss_reason_id", lead.LossReasonId);
        writer.WriteNumber("created_by", lead.CreatedBy);
        writer.WriteNumber("updated_by", lead.UpdatedBy);
        if (malformed)
        {
            writer.WriteString("created_at", "yesterday");
        }
        else
        {
            writer.WriteNumber("created_at", lead.CreatedAt.ToUnixTimeSeconds());
        }

        writer.WriteNumber("updated_at", lead.UpdatedAt.ToUnixTimeSeconds());
        WriteNullable(writer, "closed_at", lead.ClosedAt?.ToUnixTimeSeconds());
        writer.WriteNull("closest_task_at");
        writer.WriteBoolean("is_deleted", false);
        writer.WriteNull("custom_fields_values");
        writer.WriteNull("score");
        writer.WriteNumber("account_id", AccountLayout.AccountId);
        writer.WriteNull("labor_cost");
        Paging.WriteSelfLinks(writer, runtime.Href($"api/v4/leads/{lead.Id}"));
        writer.WriteStartObject("_embedded");
        writer.WriteStartArray("tags");
        writer.WriteEndArray();
        writer.WriteStartArray("companies");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

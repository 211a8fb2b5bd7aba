using KpiSync.CrmSimulator.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>GET /api/v4/leads/custom_fields: the account's five predefined lead fields (cost, segment, product, paid, payment due).</summary>
internal static class LeadFieldEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapGet("/api/v4/leads/custom_fields", context => List(context, runtime).WriteAsync(context));

    private static ApiResponse List(HttpContext context, SimulatorRuntime runtime) =>
        Paging.Page(context, runtime, "custom_fields", LeadFieldLayout.Fields, 250, (writer, field) =>
            CustomFieldJson.WriteDefinition(writer, field, "leads", null, runtime.Href($"api/v4/leads/custom_fields/{field.Id}")));
}

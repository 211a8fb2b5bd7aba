using KpiSync.CrmSimulator.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>GET /api/v4/leads with the filters, orders and <c>with</c> values a sync client uses, including with=only_deleted.</summary>
internal static partial class LeadEndpoints
{
    public static void Map(WebApplication app, SimulatorRuntime runtime) =>
        app.MapGet("/api/v4/leads", context => List(context, runtime).WriteAsync(context));

    private static ApiResponse List(HttpContext context, SimulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var with = LeadWith.Parse(query);
        // An account without the API filter (README §3.2, an alpha feature) silently ignores filter[updated_at].
        var updated = runtime.Options.ApiFilterEnabled ? QueryFilters.Range(query, "filter[updated_at]") : QueryFilters.Unbounded;
        var created = QueryFilters.Range(query, "filter[created_at]");
        var closed = QueryFilters.Range(query, "filter[closed_at]");
        var ids = QueryFilters.LongSet(query, "filter[id]");
        var responsible = QueryFilters.LongSet(query, "filter[responsible_user_id]");
        var pipelines = QueryFilters.LongSet(query, "filter[pipeline_id]");
        var hasClosedFilter = query.ContainsKey("filter[closed_at][from]") || query.ContainsKey("filter[closed_at][to]");
        var order = QueryFilters.Order(query, "updated_at", "created_at", "id");
        // Sorted by a timestamp, that timestamp's range is a slice of the cached list (see SortedRange).
        var (range, rangeName) = order switch
        {
            ("updated_at", var descending) => (new SortedRange<SimLead>(lead => lead.UpdatedAt.ToUnixTimeSeconds(), updated.From, updated.To, descending), "filter[updated_at]"),
            ("created_at", var descending) => (new SortedRange<SimLead>(lead => lead.CreatedAt.ToUnixTimeSeconds(), created.From, created.To, descending), "filter[created_at]"),
            _ => ((SortedRange<SimLead>?)null, (string?)null),
        };
        var updatedFilter = rangeName == "filter[updated_at]" ? QueryFilters.Unbounded : updated;
        var createdFilter = rangeName == "filter[created_at]" ? QueryFilters.Unbounded : created;
        var leads = runtime.Store.Query(QueryFilters.CacheKey(context, rangeName), store =>
        {
            var source = with.OnlyDeleted ? store.Trash : store.Leads;
            var matching = source.Where(lead =>
                updatedFilter.InRange(lead.UpdatedAt)
                && createdFilter.InRange(lead.CreatedAt)
                && (!hasClosedFilter || (lead.ClosedAt is { } at && closed.InRange(at)))
                && (ids is null || ids.Contains(lead.Id))
                && (responsible is null || responsible.Contains(lead.ResponsibleUserId))
                && (pipelines is null || pipelines.Contains(lead.PipelineId)));
            return order switch
            {
                ("updated_at", var desc) => Sorting.By(matching, lead => lead.UpdatedAt.ToUnixTimeSeconds(), lead => lead.Id, desc),
                ("created_at", var desc) => Sorting.By(matching, lead => lead.CreatedAt.ToUnixTimeSeconds(), lead => lead.Id, desc),
                ("id", true) => matching.OrderByDescending(lead => lead.Id),
                _ => matching.OrderBy(lead => lead.Id),
            };
        }, range);
        if (with.OnlyDeleted)
        {
            return Paging.Page(context, runtime, "leads", leads, 250, (writer, lead) => WriteDeleted(writer, lead, runtime));
        }

        var malformed = runtime.Options.MalformedLeadIds;
        return Paging.Page(context, runtime, "leads", leads, 250,
            (writer, lead) => Write(writer, lead, runtime, with, malformed.Contains(lead.Id)));
    }
}

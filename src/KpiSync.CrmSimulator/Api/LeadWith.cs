using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>The <c>with</c> values of GET /api/v4/leads (README §3.3), comma-separated or repeated.</summary>
internal readonly record struct LeadWith(bool OnlyDeleted, bool CatalogElements, bool SourceId, bool LossReason, bool Contacts, bool PriceModifiedByRobot)
{
    public static LeadWith Parse(IQueryCollection query)
    {
        var with = QueryFilters.StringSet(query, "with") ?? [];
        return new LeadWith(
            with.Contains("only_deleted"),
            with.Contains("catalog_elements"),
            with.Contains("source_id"),
            with.Contains("loss_reason"),
            with.Contains("contacts"),
            with.Contains("is_price_modified_by_robot"));
    }
}

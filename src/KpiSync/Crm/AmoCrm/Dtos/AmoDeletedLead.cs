namespace KpiSync.Crm.AmoCrm.Dtos;

/// <summary>A lead as the trash (<c>with=only_deleted</c>) serves it: id and update time; name, price, status and
/// responsible are null. Also the minimal shape read when only ids matter.</summary>
internal sealed record AmoDeletedLead(long Id, long UpdatedAt, bool? IsDeleted);

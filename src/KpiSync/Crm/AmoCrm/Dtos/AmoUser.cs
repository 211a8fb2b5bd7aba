namespace KpiSync.Crm.AmoCrm.Dtos;

internal sealed record AmoUser(long Id, string Name, string? Email, AmoUserRights? Rights, string? Lang = null);

/// <summary>amoCRM keeps <c>is_active</c> inside <c>rights</c>.</summary>
internal sealed record AmoUserRights(bool? IsActive);

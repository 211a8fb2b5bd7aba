using KpiSync.Crm.AmoCrm.Dtos;
using Refit;

namespace KpiSync.Crm.AmoCrm.Api;

/// <summary>
/// amoCRM API v4, every endpoint KpiSync calls, as amoCRM documents it (shared/crm/README.md §3–4). Query keys are
/// amoCRM's bracketed ones, sent percent-encoded (<c>filter%5Bupdated_at%5D%5Bfrom%5D</c>) as RFC 3986 asks and as
/// amoCRM's own PHP library sends them (<c>http_build_query</c>). Every call returns the raw, unbuffered response:
/// <see cref="AmoCrmClient"/> checks the status and parses lists with its one-pass page reader, so a malformed record
/// is quarantined instead of failing its page. Auth, pacing, retries and reading the body whole are the handlers'.
/// </summary>
internal interface IAmoCrmApi
{
    [Get("/api/v4/account")]
    Task<HttpResponseMessage> GetAccount(string with, CancellationToken ct);

    [Get("/api/v4/users")]
    Task<HttpResponseMessage> GetUsers([Query] AmoListQuery query, CancellationToken ct);

    [Get("/api/v4/leads/pipelines")]
    Task<HttpResponseMessage> GetPipelines(CancellationToken ct);

    [Get("/api/v4/leads/custom_fields")]
    Task<HttpResponseMessage> GetLeadFields([Query] AmoListQuery query, CancellationToken ct);

    /// <summary>Leads; with <c>with=only_deleted</c>, the trash.</summary>
    [Get("/api/v4/leads")]
    Task<HttpResponseMessage> GetLeads([Query] AmoListQuery query, CancellationToken ct);

    [Get("/api/v4/events")]
    Task<HttpResponseMessage> GetEvents([Query] AmoListQuery query, CancellationToken ct);

    [Get("/api/v4/leads/notes")]
    Task<HttpResponseMessage> GetLeadNotes([Query] AmoListQuery query, CancellationToken ct);

    [Get("/api/v4/tasks")]
    Task<HttpResponseMessage> GetTasks([Query] AmoListQuery query, CancellationToken ct);

    [Get("/api/v4/catalogs")]
    Task<HttpResponseMessage> GetCatalogs([Query] AmoListQuery query, CancellationToken ct);

    [Post("/api/v4/catalogs")]
    Task<HttpResponseMessage> CreateCatalogs([Body] AmoNewCatalog[] catalogs, CancellationToken ct);

    [Get("/api/v4/catalogs/{catalogId}/custom_fields")]
    Task<HttpResponseMessage> GetCatalogFields(long catalogId, [Query] AmoListQuery query, CancellationToken ct);

    [Post("/api/v4/catalogs/{catalogId}/custom_fields")]
    Task<HttpResponseMessage> CreateCatalogFields(long catalogId, [Body] AmoNewCustomField[] fields, CancellationToken ct);

    [Patch("/api/v4/catalogs/{catalogId}/custom_fields")]
    Task<HttpResponseMessage> UpdateCatalogFields(long catalogId, [Body] AmoFieldUpdate[] fields, CancellationToken ct);

    [Get("/api/v4/catalogs/{catalogId}/elements")]
    Task<HttpResponseMessage> GetCatalogElements(long catalogId, [Query] AmoListQuery query, CancellationToken ct);

    [Post("/api/v4/catalogs/{catalogId}/elements")]
    Task<HttpResponseMessage> CreateCatalogElements(long catalogId, [Body] AmoElementWrite[] elements, CancellationToken ct);

    [Patch("/api/v4/catalogs/{catalogId}/elements")]
    Task<HttpResponseMessage> UpdateCatalogElements(long catalogId, [Body] AmoElementWrite[] elements, CancellationToken ct);

    [Post("/api/v4/webhooks")]
    Task<HttpResponseMessage> RegisterWebhook([Body] AmoWebhookRegistration registration, CancellationToken ct);
}

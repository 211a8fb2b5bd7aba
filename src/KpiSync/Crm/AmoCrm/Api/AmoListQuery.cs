using Refit;

namespace KpiSync.Crm.AmoCrm.Api;

/// <summary>
/// The query of an amoCRM list call: its documented filters, sorts, <c>with</c> and paging, under amoCRM's own keys.
/// Unset values are left out of the URL. Arrays go as repeated <c>key[]=</c> pairs, as amoCRM documents them.
/// </summary>
internal sealed record AmoListQuery
{
    /// <summary>Comma-separated <c>with</c> values (<c>source_id</c>, <c>only_deleted</c>, …).</summary>
    [AliasAs("with")]
    public string? With { get; init; }

    [AliasAs("filter[id][]"), Query(CollectionFormat.Multi)]
    public IReadOnlyList<string>? Ids { get; init; }

    [AliasAs("filter[updated_at][from]")]
    public long? UpdatedFrom { get; init; }

    [AliasAs("filter[updated_at][to]")]
    public long? UpdatedTo { get; init; }

    [AliasAs("filter[created_at][from]")]
    public long? CreatedFrom { get; init; }

    [AliasAs("filter[created_at][to]")]
    public long? CreatedTo { get; init; }

    /// <summary>Events: the entity type (<c>lead</c>).</summary>
    [AliasAs("filter[entity]")]
    public string? Entity { get; init; }

    /// <summary>Events: event types.</summary>
    [AliasAs("filter[type][]"), Query(CollectionFormat.Multi)]
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Notes: note types.</summary>
    [AliasAs("filter[note_type][]"), Query(CollectionFormat.Multi)]
    public IReadOnlyList<string>? NoteTypes { get; init; }

    [AliasAs("order[id]")]
    public string? OrderById { get; init; }

    [AliasAs("order[created_at]")]
    public string? OrderByCreatedAt { get; init; }

    [AliasAs("order[updated_at]")]
    public string? OrderByUpdatedAt { get; init; }

    [AliasAs("page")]
    public int? Page { get; init; }

    [AliasAs("limit")]
    public int? Limit { get; init; }

    public const string Ascending = "asc";
    public const string Descending = "desc";
}

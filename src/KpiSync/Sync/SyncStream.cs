using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using Npgsql;

namespace KpiSync.Sync;

/// <summary>
/// One incremental CRM stream: how to fetch a page from a watermark, where each record sits on the watermark's
/// axis (updated_at or created_at), and how to store a page inside the transaction that also moves the cursor.
/// </summary>
internal abstract class SyncStream<T>
{
    public abstract string Name { get; }

    public abstract Task<CrmPage<T>> FetchAsync(AmoCrmClient client, long fromUnix, long? toUnix, int page, CancellationToken ct);

    public abstract long PositionOf(T item);

    /// <summary>
    /// Whether the CRM can sort this list by the cursor's field. Where it cannot (amoCRM sorts tasks only by created_at,
    /// complete_till or id), <see cref="FetchAsync"/> returns the range in the list's own documented order and a run reads
    /// the range as one window by page number, moving the cursor only once the whole window is read.
    /// </summary>
    public virtual bool SortsByPosition => true;

    /// <summary>The record's id, for a window read to tell which records changed while it was read.</summary>
    public virtual string KeyOf(T item) => throw new NotSupportedException($"The {Name} stream is read by keyset.");

    /// <summary>Whether the stream's filter depends on amoCRM's per-account API-filtering switch (then, with it off,
    /// the stream is read newest first without a filter: <see cref="FetchNewestFirstAsync"/>).</summary>
    public virtual bool DependsOnApiFilter => false;

    public virtual Task<CrmPage<T>> FetchNewestFirstAsync(AmoCrmClient client, int page, CancellationToken ct) =>
        throw new NotSupportedException($"The {Name} stream is always filtered.");

    /// <summary>The current version of specific records (quarantine retry). amoCRM lists accept <c>filter[id][]</c>.</summary>
    public abstract Task<CrmPage<T>> FetchByIdsAsync(AmoCrmClient client, IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Stores the page's rows; returns rows changed. Records that break an invariant are added to <paramref name="rejected"/>.</summary>
    public abstract Task<int> StoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SyncContext context, IReadOnlyList<T> items,
        List<RejectedRecord> rejected, CancellationToken ct);
}

namespace KpiSync.CrmSimulator.Api;

internal static class Sorting
{
    /// <summary>Orders by a timestamp and breaks ties by id in the same direction, so pages are stable.</summary>
    public static IOrderedEnumerable<T> By<T, TId>(IEnumerable<T> items, Func<T, long> key, Func<T, TId> id, bool descending) =>
        descending
            ? items.OrderByDescending(key).ThenByDescending(id)
            : items.OrderBy(key).ThenBy(id);
}

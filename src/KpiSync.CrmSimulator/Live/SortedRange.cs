namespace KpiSync.CrmSimulator.Live;

/// <summary>
/// A request's inclusive <c>[from, to]</c> bound on the field its list is sorted by (then by id). The cached
/// list is built without the bound, so keyset paging (a new <c>from</c> on every page) reuses one sorted list
/// and finds its slice by binary search instead of re-filtering and re-sorting the whole collection.
/// </summary>
internal sealed record SortedRange<T>(Func<T, long> Key, long From, long To, bool Descending)
{
    /// <summary>The part of <paramref name="sorted"/> whose key lies in the range: what filtering then sorting would give.</summary>
    public IReadOnlyList<T> Slice(IReadOnlyList<T> sorted)
    {
        if (From == long.MinValue && To == long.MaxValue)
        {
            return sorted;
        }

        // Keys ascend (or descend) along the list, so "inside or past the near bound" and "past the far bound"
        // are both false-then-true; the range is the run between the two first-true positions.
        var start = Descending
            ? FirstWhere(sorted, key => key <= To)
            : FirstWhere(sorted, key => key >= From);
        var end = Descending
            ? FirstWhere(sorted, key => key < From)
            : FirstWhere(sorted, key => key > To);
        return new ListSlice<T>(sorted, start, Math.Max(0, end - start));
    }

    private int FirstWhere(IReadOnlyList<T> sorted, Func<long, bool> predicate)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (predicate(Key(sorted[middle])))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}

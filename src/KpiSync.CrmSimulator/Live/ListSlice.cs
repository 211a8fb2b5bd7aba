using System.Collections;

namespace KpiSync.CrmSimulator.Live;

/// <summary>A read-only window on an immutable list (a cached query result), made in O(1).</summary>
internal sealed class ListSlice<T>(IReadOnlyList<T> source, int start, int count) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? source[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return source[start + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

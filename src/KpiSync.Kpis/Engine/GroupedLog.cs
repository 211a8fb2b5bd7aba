using System.Runtime.InteropServices;

namespace KpiSync.Kpis.Engine;

/// <summary>
/// Items filed under keys, kept in two flat arrays and grouped once, by a counting sort, when reading starts: the
/// engine files millions of intervals and touches, and a list per key made the garbage collector the hottest part.
/// </summary>
internal sealed class GroupedLog<TKey, TItem>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _groups = [];
    private int[] _groupOf = new int[1024];
    private TItem[] _items = new TItem[1024];
    private int _count;
    private int[]? _starts;

    public bool IsSealed => _starts is not null;

    public IEnumerable<TKey> Keys => _groups.Keys;

    public void Add(TKey key, TItem item)
    {
        if (_starts is not null)
        {
            throw new InvalidOperationException("Items cannot be added once reading has started.");
        }

        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups, key, out var exists);
        if (!exists)
        {
            group = _groups.Count - 1;
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
            Array.Resize(ref _groupOf, _count * 2);
        }

        _groupOf[_count] = group;
        _items[_count++] = item;
    }

    /// <summary>The items filed under <paramref name="key"/>, in the order they were added; empty when none.</summary>
    public Span<TItem> Get(TKey key)
    {
        Seal();
        return _groups.TryGetValue(key, out var g) ? _items.AsSpan(_starts![g], _starts[g + 1] - _starts[g]) : [];
    }

    private void Seal()
    {
        if (_starts is not null)
        {
            return;
        }

        var starts = new int[_groups.Count + 1];
        for (var i = 0; i < _count; i++)
        {
            starts[_groupOf[i] + 1]++;
        }

        for (var g = 0; g < _groups.Count; g++)
        {
            starts[g + 1] += starts[g];
        }

        var next = (int[])starts.Clone();
        var sorted = new TItem[_count];
        for (var i = 0; i < _count; i++)
        {
            sorted[next[_groupOf[i]]++] = _items[i];
        }

        _items = sorted;
        _groupOf = [];
        _starts = starts;
    }
}

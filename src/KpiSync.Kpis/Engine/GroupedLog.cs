using System.Runtime.InteropServices;

namespace KpiSync.Kpis.Engine;

/// <summary>Items filed under keys: each new key gets the next group of a <see cref="GroupedItems{TItem}"/>.</summary>
internal sealed class GroupedLog<TKey, TItem>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _groups = [];
    private readonly GroupedItems<TItem> _items = new();

    public bool IsSealed => _items.IsSealed;

    public IEnumerable<TKey> Keys => _groups.Keys;

    /// <summary>Groups the items for reading; readers on several threads need it done before they start.</summary>
    public void Seal() => _items.Seal();

    public void Add(TKey key, TItem item)
    {
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups, key, out var exists);
        if (!exists)
        {
            group = _groups.Count - 1;
        }

        _items.Add(group, item);
    }

    /// <summary>The items filed under <paramref name="key"/>, in the order they were added; empty when none.</summary>
    public Span<TItem> Get(TKey key) => _groups.TryGetValue(key, out var g) ? _items.Get(g) : _items.Get(-1);
}

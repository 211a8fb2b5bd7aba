namespace KpiSync.Kpis.Engine;

/// <summary>
/// Items filed under dense group numbers, kept in two flat arrays and grouped once, by a counting sort, when reading
/// starts: the engine files millions of intervals and touches, and a list per group made the garbage collector the
/// hottest part.
/// </summary>
internal sealed class GroupedItems<TItem>
{
    private int[] _groupOf = new int[1024];
    private TItem[] _items = new TItem[1024];
    private int _count;
    private int _groups;
    private int[]? _starts;

    public bool IsSealed => _starts is not null;

    public void Add(int group, TItem item)
    {
        if (_starts is not null)
        {
            throw new InvalidOperationException("Items cannot be added once reading has started.");
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
            Array.Resize(ref _groupOf, _count * 2);
        }

        _groups = Math.Max(_groups, group + 1);
        _groupOf[_count] = group;
        _items[_count++] = item;
    }

    /// <summary>The items filed under <paramref name="group"/>, in the order they were added; empty when none.</summary>
    public Span<TItem> Get(int group)
    {
        Seal();
        return (uint)group < (uint)_groups ? _items.AsSpan(_starts![group], _starts[group + 1] - _starts[group]) : [];
    }

    /// <summary>Groups the items for reading; readers on several threads need it done before they start.</summary>
    public void Seal()
    {
        if (_starts is not null)
        {
            return;
        }

        var starts = new int[_groups + 1];
        for (var i = 0; i < _count; i++)
        {
            starts[_groupOf[i] + 1]++;
        }

        for (var g = 0; g < _groups; g++)
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

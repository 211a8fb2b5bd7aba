using KpiSync.CrmSimulator.Generation;

namespace KpiSync.CrmSimulator.Live;

/// <summary>
/// The data that changes after start-up: leads (active and in the trash), events, notes and tasks. One lock
/// guards it. Writers (<see cref="Change{T}"/>) apply a whole step under it, so readers never see half of
/// one; list queries materialise their result under it and render outside, since the records are immutable.
/// </summary>
internal sealed partial class LiveStore
{
    private const int CacheCapacity = 8;
    private readonly Lock _gate = new();
    private readonly int _seed;
    private readonly List<SimLead> _leads;
    private readonly Dictionary<long, SimLead> _trash = [];
    private readonly HashSet<long> _deletedIds = [];
    private readonly List<SimEvent> _events;
    private readonly List<SimCallNote> _notes;
    private readonly List<SimTask> _tasks;

    // Filtered, ordered results by request (path and query without page/limit, and without the range on the
    // sort field when the request has a SortedRange), most recently used first. Paging a 1M-event list page
    // by page, or keyset-style with a new filter[created_at][from] on every page, would otherwise re-filter
    // and re-sort it on every request. Cached lists are never mutated: a change drops them all.
    private readonly LinkedList<(string Key, object Items)> _cache = new();
    private int _version;
    private int _queryBuilds;
    private long _lastLeadId;
    private long _lastNoteId;

    public LiveStore(GeneratedAccount account, int seed)
    {
        _seed = seed;
        _leads = [.. account.Leads];
        _events = [.. account.Events];
        _notes = [.. account.Notes];
        _tasks = [.. account.Tasks];
        _lastLeadId = _leads.Count > 0 ? _leads[^1].Id : AccountLayout.FirstLeadId - 1;
        _lastNoteId = _notes.Count > 0 ? _notes.Max(note => note.Id) : AccountLayout.FirstCallNoteId - 1;
    }

    /// <summary>Active leads by id. Read only under the gate (inside <see cref="Query{T}"/> or <see cref="Change{T}"/>).</summary>
    public IReadOnlyList<SimLead> Leads => _leads;

    /// <summary>Deleted leads still in the trash. Read only under the gate.</summary>
    public IEnumerable<SimLead> Trash => _trash.Values;

    public IReadOnlyList<SimEvent> Events => _events;

    public IReadOnlyList<SimCallNote> Notes => _notes;

    public IReadOnlyList<SimTask> Tasks => _tasks;

    /// <summary>Cache misses of <see cref="Query{T}"/>: lets tests check a paged walk filters and sorts once.</summary>
    public int QueryBuilds => Volatile.Read(ref _queryBuilds);

    /// <summary>
    /// The materialised result of <paramref name="build"/>, reused until the data changes. With a
    /// <paramref name="range"/>, <paramref name="build"/> must not apply that range and must sort by its key
    /// (then by id); the result is the range's slice of the cached list, found by binary search.
    /// </summary>
    public IReadOnlyList<T> Query<T>(string key, Func<LiveStore, IEnumerable<T>> build, SortedRange<T>? range = null)
    {
        IReadOnlyList<T> items;
        lock (_gate)
        {
            items = Cached(key, build);
        }

        // Outside the gate: a cached list is immutable, so slicing it cannot see a half-applied change.
        return range is null ? items : range.Slice(items);
    }

    private IReadOnlyList<T> Cached<T>(string key, Func<LiveStore, IEnumerable<T>> build)
    {
        for (var node = _cache.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Key, key, StringComparison.Ordinal) && node.Value.Items is IReadOnlyList<T> hit)
            {
                _cache.Remove(node);
                _cache.AddFirst(node);
                return hit;
            }
        }

        _queryBuilds++;
        var items = build(this).ToArray();
        _cache.AddFirst((key, items));
        if (_cache.Count > CacheCapacity)
        {
            _cache.RemoveLast();
        }

        return items;
    }

    /// <summary>Applies <paramref name="change"/> atomically for readers and invalidates cached queries and views.</summary>
    public T Change<T>(Func<LiveStore, T> change)
    {
        lock (_gate)
        {
            try
            {
                return change(this);
            }
            finally
            {
                _version++;
                _cache.Clear();
            }
        }
    }

    /// <summary>Index of an active lead by id, or -1.</summary>
    public int IndexOfLead(long id)
    {
        int low = 0, high = _leads.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var current = _leads[middle].Id;
            if (current == id)
            {
                return middle;
            }

            if (current < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    public void ReplaceLead(int index, SimLead lead) => _leads[index] = lead;

    public SimLead AddLead(Func<long, SimLead> create)
    {
        var lead = create(++_lastLeadId);
        _leads.Add(lead);
        return lead;
    }

    /// <summary>Removes an active lead; it goes to the trash unless it is purged.</summary>
    public void DeleteLead(int index, SimLead deleted, bool keepInTrash)
    {
        _leads.RemoveAt(index);
        _deletedIds.Add(deleted.Id);
        if (keepInTrash)
        {
            _trash[deleted.Id] = deleted;
        }
    }

    public SimLead? TakeFromTrash(long id)
    {
        if (!_trash.Remove(id, out var lead))
        {
            return null;
        }

        _deletedIds.Remove(id);
        return lead;
    }

    public void RestoreLead(SimLead lead)
    {
        var index = _leads.FindIndex(existing => existing.Id > lead.Id);
        _leads.Insert(index < 0 ? _leads.Count : index, lead);
    }

    public bool IsDeleted(long id) => _deletedIds.Contains(id);

    public void AddEvent(string type, long entityId, long createdBy, DateTimeOffset at, string valueAfterJson, string valueBeforeJson)
    {
        var id = EventIds.Create(_seed, at.ToUnixTimeSeconds(), _events.Count);
        _events.Add(new SimEvent(id, type, entityId, createdBy, at, valueAfterJson, valueBeforeJson));
    }

    public SimCallNote AddNote(Func<long, SimCallNote> create)
    {
        var note = create(++_lastNoteId);
        _notes.Add(note);
        return note;
    }

    public void ReplaceTask(int index, SimTask task) => _tasks[index] = task;
}

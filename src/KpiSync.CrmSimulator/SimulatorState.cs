using System.Collections.Concurrent;
using KpiSync.CrmSimulator.Catalogs;
using KpiSync.CrmSimulator.Generation;
using KpiSync.CrmSimulator.Live;

namespace KpiSync.CrmSimulator;

/// <summary>
/// The data of a simulator as tests see it. Every view is a snapshot taken when read (and reused until the
/// data next changes), so tests can inspect it after their requests complete.
/// </summary>
public sealed class SimulatorState
{
    private readonly ConcurrentQueue<SimWriteRequest> _writes = new();

    internal SimulatorState(GeneratedAccount account, int seed)
    {
        Account = account;
        Store = new LiveStore(account, seed);
    }

    /// <summary>The account's generated users, removed ones included.</summary>
    public IReadOnlyList<SimUser> Users => Account.Users;

    /// <summary>The users <c>/api/v4/users</c> lists: the generated ones less those removed.</summary>
    internal IReadOnlyList<SimUser> ListedUsers => RemovedUsers.IsEmpty ? Account.Users : [.. Account.Users.Where(u => !RemovedUsers.ContainsKey(u.Id))];

    internal ConcurrentDictionary<long, bool> RemovedUsers { get; } = new();

    /// <summary>Current leads (not deleted), by id, with their latest values after live steps.</summary>
    public IReadOnlyList<SimLead> Leads => Store.LeadsView;

    /// <summary>Ids of leads deleted through <see cref="AmoCrmSimulator.DeleteLead"/> and not restored, in the trash or purged.</summary>
    public IReadOnlyCollection<long> DeletedLeadIds => Store.DeletedIdsView;

    /// <summary>Every lead event (added, status changed, responsible changed, calls, deleted, restored), generated ones oldest first, then live ones.</summary>
    public IReadOnlyList<SimEvent> Events => Store.EventsView;

    /// <summary>Call notes on leads, generated ones oldest first, then live ones.</summary>
    public IReadOnlyList<SimCallNote> Notes => Store.NotesView;

    public IReadOnlyList<SimTask> Tasks => Store.TasksView;

    /// <summary>Catalogs created by clients; the account's own invoices catalog is not among them.</summary>
    public IReadOnlyList<SimCatalog> Catalogs => CatalogStore.Snapshot();

    public IReadOnlyList<SimWriteRequest> Writes => [.. _writes];

    public long MainPipelineId { get; } = AccountLayout.PipelineId;

    /// <summary>Start of the generated history (Anchor minus Months).</summary>
    public DateTimeOffset HistoryStart => Account.Start;

    /// <summary>End of the generated history; no generated timestamp is later (live steps add later ones).</summary>
    public DateTimeOffset Anchor => Account.Anchor;

    internal GeneratedAccount Account { get; }

    internal LiveStore Store { get; }

    internal CatalogStore CatalogStore { get; } = new();

    internal void RecordWrite(SimWriteRequest write) => _writes.Enqueue(write);
}

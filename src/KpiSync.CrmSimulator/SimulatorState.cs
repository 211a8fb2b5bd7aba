using System.Collections.Concurrent;
using KpiSync.CrmSimulator.Catalogs;
using KpiSync.CrmSimulator.Generation;

namespace KpiSync.CrmSimulator;

/// <summary>
/// The live data of a simulator. Generated data never changes; catalogs and writes are snapshots taken
/// when read, so tests can inspect them after their requests complete.
/// </summary>
public sealed class SimulatorState
{
    private readonly ConcurrentQueue<SimWriteRequest> _writes = new();

    internal SimulatorState(GeneratedAccount account)
    {
        Account = account;
        LeadsById = account.Leads.ToDictionary(lead => lead.Id);
    }

    public IReadOnlyList<SimUser> Users => Account.Users;

    public IReadOnlyList<SimLead> Leads => Account.Leads;

    /// <summary>Every lead event (added, status changed, responsible changed, calls), oldest first.</summary>
    public IReadOnlyList<SimEvent> Events => Account.Events;

    /// <summary>Call notes on leads, oldest first.</summary>
    public IReadOnlyList<SimCallNote> Notes => Account.Notes;

    public IReadOnlyList<SimTask> Tasks => Account.Tasks;

    public IReadOnlyList<SimCatalog> Catalogs => CatalogStore.Snapshot();

    public IReadOnlyList<SimWriteRequest> Writes => [.. _writes];

    public long MainPipelineId { get; } = AccountLayout.PipelineId;

    /// <summary>Start of the generated history (Anchor minus Months).</summary>
    public DateTimeOffset HistoryStart => Account.Start;

    /// <summary>End of the generated history; no generated timestamp is later.</summary>
    public DateTimeOffset Anchor => Account.Anchor;

    internal GeneratedAccount Account { get; }

    internal IReadOnlyDictionary<long, SimLead> LeadsById { get; }

    internal CatalogStore CatalogStore { get; } = new();

    internal void RecordWrite(SimWriteRequest write) => _writes.Enqueue(write);
}

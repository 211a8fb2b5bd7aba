namespace KpiSync.CrmSimulator.Live;

internal sealed partial class LiveStore
{
    private (int Version, IReadOnlyList<SimLead>? Items) _leadsView;
    private (int Version, IReadOnlyList<long>? Items) _deletedView;
    private (int Version, IReadOnlyList<SimEvent>? Items) _eventsView;
    private (int Version, IReadOnlyList<SimCallNote>? Items) _notesView;
    private (int Version, IReadOnlyList<SimTask>? Items) _tasksView;

    /// <summary>Copies for <see cref="SimulatorState"/>, made once per change so repeated reads are free.</summary>
    public IReadOnlyList<SimLead> LeadsView => View(ref _leadsView, _leads);

    public IReadOnlyCollection<long> DeletedIdsView => View(ref _deletedView, _deletedIds.Order());

    public IReadOnlyList<SimEvent> EventsView => View(ref _eventsView, _events);

    public IReadOnlyList<SimCallNote> NotesView => View(ref _notesView, _notes);

    public IReadOnlyList<SimTask> TasksView => View(ref _tasksView, _tasks);

    private IReadOnlyList<T> View<T>(ref (int Version, IReadOnlyList<T>? Items) cached, IEnumerable<T> source)
    {
        lock (_gate)
        {
            if (cached.Items is null || cached.Version != _version)
            {
                cached = (_version, source.ToArray());
            }

            return cached.Items;
        }
    }
}

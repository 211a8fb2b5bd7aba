using System.Runtime.InteropServices;

namespace KpiSync.Kpis.Engine;

/// <summary>
/// Numbers each (employee, local day) densely, in the order first seen. Days within the grid's span are found through
/// an array per employee, not a dictionary of all employee-days: a year of activities arrives in no order,
/// and hashing 4 M (employee, day) keys into a table of 180 000 missed the cache twice per activity, for the day's
/// counts and again for its intervals.
/// </summary>
internal sealed class EmployeeDayIndex(DateOnly first, int span)
{
    private readonly Dictionary<long, int[]> _byEmployee = [];
    private readonly Dictionary<(long, DateOnly), int> _outside = [];
    private readonly List<(long Employee, DateOnly Day)> _keys = [];

    public int Count => _keys.Count;

    public (long Employee, DateOnly Day) KeyOf(int id) => _keys[id];

    /// <summary>The number of (<paramref name="employee"/>, <paramref name="day"/>); the next one when it is new.</summary>
    public int IdOf(long employee, DateOnly day)
    {
        var offset = day.DayNumber - first.DayNumber;
        ref var id = ref (uint)offset < (uint)span
            ? ref Slots(employee)[offset]
            : ref CollectionsMarshal.GetValueRefOrAddDefault(_outside, (employee, day), out _);
        if (id == 0)
        {
            _keys.Add((employee, day));
            id = _keys.Count;
        }

        return id - 1;
    }

    public bool TryGet(long employee, DateOnly day, out int id)
    {
        var offset = day.DayNumber - first.DayNumber;
        var stored = (uint)offset < (uint)span
            ? _byEmployee.TryGetValue(employee, out var slots) ? slots[offset] : 0
            : _outside.GetValueOrDefault((employee, day));
        id = stored - 1;
        return stored > 0;
    }

    // Ids are stored plus one, so that a fresh (zeroed) slot means "none yet".
    private int[] Slots(long employee)
    {
        ref var slots = ref CollectionsMarshal.GetValueRefOrAddDefault(_byEmployee, employee, out _);
        return slots ??= new int[span];
    }
}

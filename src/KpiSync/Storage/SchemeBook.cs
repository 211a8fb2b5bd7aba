using KpiSync.Kpis.Schemes;

namespace KpiSync.Storage;

/// <summary>Which scheme version and which plans apply to an employee in a period, from the stored history.</summary>
internal sealed class SchemeBook(
    IReadOnlyList<SchemeVersionRow> versions,
    IReadOnlyList<AssignmentRow> assignments,
    Dictionary<(long Employee, string Period), Dictionary<string, decimal>> plans)
{
    private static readonly Dictionary<string, decimal> NoPlans = [];
    private readonly ILookup<long, AssignmentRow> _assignments = assignments.ToLookup(a => a.EmployeeId);
    private readonly ILookup<string, SchemeVersionRow> _versions = versions.ToLookup(v => v.Name, StringComparer.Ordinal);
    private readonly Dictionary<(string, int), KpiScheme> _parsed = [];

    public bool IsEmpty => versions.Count == 0;

    /// <summary>The version in force for the employee in the period, or null when none is assigned.</summary>
    public (SchemeVersionRow Version, KpiScheme Scheme)? SchemeFor(long employee, string period)
    {
        var assignment = _assignments[employee].LastOrDefault(a => string.CompareOrdinal(a.EffectiveFrom, period) <= 0);
        var version = assignment is null ? null : _versions[assignment.SchemeName].LastOrDefault(v => string.CompareOrdinal(v.EffectiveFrom, period) <= 0);
        if (version is null)
        {
            return null;
        }

        if (!_parsed.TryGetValue((version.Name, version.Version), out var scheme))
        {
            // Stored bodies were validated on the way in; a failure here means the table was edited by hand.
            scheme = SchemeJson.ParseStored(version.Body).Scheme
                ?? throw new StorageException($"Stored scheme {version.Name} v{version.Version} no longer parses; import a corrected version.");
            _parsed[(version.Name, version.Version)] = scheme;
        }

        return (version, scheme);
    }

    public IReadOnlyDictionary<string, decimal> PlansFor(long employee, string period) =>
        plans.TryGetValue((employee, period), out var p) ? p : NoPlans;
}

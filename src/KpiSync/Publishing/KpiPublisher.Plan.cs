using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Storage;

namespace KpiSync.Publishing;

internal sealed partial class KpiPublisher
{
    private sealed record ElementWrite(long EmployeeId, AmoElementWrite Write, Dictionary<string, string?> Desired);

    private sealed record PushPlan(List<ElementWrite> Creates, List<ElementWrite> Updates);

    /// <summary>
    /// Decides, per employee, whether to create an element, patch the fields that differ from what the CRM holds,
    /// or do nothing. An employee's element is the one recorded in pushback_state; failing that, one with their name
    /// (so a push that died before saving its state does not create duplicates). "Data as of" is written with values
    /// that change, or where it is missing: an element whose values stand keeps its time, so a push rewrites no element
    /// just because time passed or someone else's data changed.
    /// </summary>
    private static PushPlan Plan(IReadOnlyList<StoredKpiValue> stored, HashSet<string> published, string period, string? asOf, IReadOnlyDictionary<string, long> fields,
        IReadOnlyDictionary<long, AmoCatalogElement> elements, IReadOnlyDictionary<long, PushbackState> previous)
    {
        var byName = elements.Values.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First());
        var employees = stored.GroupBy(v => (v.EmployeeId, v.Employee)).ToList();
        var duplicateNames = employees.GroupBy(e => e.Key.Employee).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var plan = new PushPlan([], []);
        foreach (var employee in employees)
        {
            var (id, name) = employee.Key;
            var elementName = duplicateNames.Contains(name) ? $"{name} (#{id})" : name;
            var desired = employee.Where(v => published.Contains(v.Indicator)).ToDictionary(v => v.Indicator, v => FieldValues.Format(v.Value));
            desired[PeriodField] = period;
            var element = previous.TryGetValue(id, out var state) && elements.TryGetValue(state.ElementId, out var known)
                ? known
                : byName.GetValueOrDefault(elementName);
            if (element is null)
            {
                if (asOf is not null)
                {
                    desired[AsOfField] = asOf;
                }

                var all = desired.Select(d => new AmoFieldWrite(fields[d.Key], Values(d.Value))).ToList();
                plan.Creates.Add(new ElementWrite(id, new AmoElementWrite(null, elementName, all), desired));
                continue;
            }

            var changed = desired.Where(d => !FieldValues.Same(CurrentValue(element, fields[d.Key]), d.Value))
                .Select(d => new AmoFieldWrite(fields[d.Key], Values(d.Value))).ToList();
            var shown = CurrentValue(element, fields[AsOfField]);
            if (asOf is not null && (changed.Count > 0 || string.IsNullOrEmpty(shown)))
            {
                changed.Add(new AmoFieldWrite(fields[AsOfField], Values(asOf)));
                shown = asOf;
            }

            desired[AsOfField] = shown;
            if (changed.Count > 0 || element.Name != elementName)
            {
                plan.Updates.Add(new ElementWrite(id, new AmoElementWrite(element.Id, element.Name != elementName ? elementName : null, changed), desired));
            }
        }

        return plan;
    }

    /// <summary>amoCRM clears a field on <c>"values": null</c>; a KPI with no meaning (null) clears it.</summary>
    private static List<AmoValueWrite>? Values(string? value) => value is null ? null : [new AmoValueWrite(value)];
}

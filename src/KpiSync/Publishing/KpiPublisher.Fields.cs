using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;

namespace KpiSync.Publishing;

internal sealed partial class KpiPublisher
{
    /// <summary>A field KpiSync writes: its key (also its code in the CRM) and amoCRM field type.</summary>
    private sealed record PublishedField(string Key, string Type);

    private sealed record FieldPlan(Dictionary<string, long> Ids, List<(PublishedField Field, long Id)> Adopt, List<PublishedField> Missing)
    {
        public bool Complete => Adopt.Count == 0 && Missing.Count == 0;
    }

    /// <summary>The fields of the list, in display order: one numeric field per published indicator, the period and
    /// the "data as of" time.</summary>
    private static List<PublishedField> FieldsOf(IReadOnlyList<string> published) =>
        [.. published.Select(k => new PublishedField(k, "numeric")), new PublishedField(PeriodField, "text"), new PublishedField(AsOfField, "date_time")];

    /// <summary>
    /// Field id by key. A field is found by its code, whatever it is called now. A field an earlier version created
    /// (named after the key, no code) is adopted: given its code and a human name, so the list keeps its values and
    /// gains no duplicates. Missing fields are created with a name in the reps' language and the key as code.
    /// </summary>
    private async Task<Dictionary<string, long>> EnsureFieldsAsync(AmoCrmClient client, long catalogId, IReadOnlyList<PublishedField> wanted,
        CancellationToken ct)
    {
        var ensured = await EnsureAsync(async () =>
            {
                var plan = PlanFields(await AmoCrmClient.ReadAllAsync(p => client.GetCatalogFieldsAsync(catalogId, p, ct)), wanted);
                return (plan.Complete, plan);
            },
            async plan =>
            {
                var language = await LanguageAsync(client, ct);
                if (plan.Adopt.Count > 0)
                {
                    await client.UpdateCatalogFieldsAsync(catalogId,
                        [.. plan.Adopt.Select(a => new AmoFieldUpdate(a.Id, FieldNames.Of(a.Field.Key, language), a.Field.Key))], ct);
                    logger.LogInformation("Adopted {Count} KPI list fields of an earlier version: named in {Language}, keyed by code", plan.Adopt.Count, language);
                }

                if (plan.Missing.Count > 0)
                {
                    var ids = await client.CreateCatalogFieldsAsync(catalogId, [.. plan.Missing.Select(f =>
                        new AmoNewCustomField(FieldNames.Of(f.Key, language), f.Type, f.Key, SortOf(f, wanted)))], ct);
                    for (var i = 0; i < plan.Missing.Count; i++)
                    {
                        plan.Ids[plan.Missing[i].Key] = ids[i];
                    }
                }

                foreach (var (field, id) in plan.Adopt)
                {
                    plan.Ids[field.Key] = id;
                }

                return plan with { Adopt = [], Missing = [] };
            }, "the list's fields", ct);
        return ensured.Ids;
    }

    private static FieldPlan PlanFields(IReadOnlyList<AmoCustomField> existing, IReadOnlyList<PublishedField> wanted)
    {
        var byCode = existing.Where(f => !string.IsNullOrEmpty(f.Code)).GroupBy(f => f.Code!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var uncoded = existing.Where(f => string.IsNullOrEmpty(f.Code)).GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var plan = new FieldPlan([], [], []);
        foreach (var field in wanted)
        {
            if (byCode.TryGetValue(field.Key, out var id))
            {
                plan.Ids[field.Key] = id;
            }
            else if (uncoded.TryGetValue(field.Key, out var old))
            {
                plan.Adopt.Add((field, old));
            }
            else
            {
                plan.Missing.Add(field);
            }
        }

        return plan;
    }

    /// <summary>Positions the list's fields in display order (amoCRM sorts ascending).</summary>
    private static int SortOf(PublishedField field, IReadOnlyList<PublishedField> wanted) => 10 * (1 + wanted.ToList().IndexOf(field));

    /// <summary>The reps' language: asked of the CRM only when fields are to be named, which is rare.</summary>
    private static async Task<string> LanguageAsync(AmoCrmClient client, CancellationToken ct)
    {
        var users = await AmoCrmClient.ReadAllAsync(p => client.GetUsersAsync(p, ct));
        var active = users.Where(u => u.Rights?.IsActive != false).Select(u => u.Lang).ToList();
        var country = active.Any(l => !string.IsNullOrEmpty(l)) ? null : (await client.GetAccountAsync(ct)).Country;
        return FieldNames.LanguageOf(active, country);
    }
}

using System.Globalization;
using System.Net;
using WireMock;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>One record of a served list: its id, the fields amoCRM filters and sorts it by, and its JSON.</summary>
internal sealed record ListRecord(long Id, long CreatedAt, long UpdatedAt, string Json);

/// <summary>
/// An amoCRM list as the documented contract allows it to answer (shared/crm/README.md §3): filtered by
/// <c>filter[id][]</c> and <c>filter[updated_at|created_at][from|to]</c>, sorted by the requested <c>order[…]</c>,
/// records that tie on it in an order of the seed's choosing (stable across requests), pages of a size of the seed's
/// choosing (at most <c>limit</c>), <c>_links.next</c> on every page but the last, 204 when nothing matches.
/// </summary>
/// <remarks>A list that cannot sort by updated_at (tasks, <paramref name="sortsByUpdatedAt"/> false) ignores that order, as amoCRM
/// ignores an undocumented sort, and answers by id.</remarks>
internal sealed class ShuffledAmoList(string embedded, IReadOnlyList<ListRecord> records, int seed, bool sortsByUpdatedAt = true)
{
    private readonly Dictionary<long, int> _tieRank = Shuffled(records.Select(r => r.Id).ToArray(), seed)
        .Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

    private readonly int _pageSize = 2 + new Random(seed * 31).Next(6);

    private static long[] Shuffled(long[] ids, int seed)
    {
        new Random(seed).Shuffle(ids);
        return ids;
    }

    public ResponseMessage Answer(IRequestMessage request)
    {
        var query = (request.RawQuery ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(kv => (Key: WebUtility.UrlDecode(kv[0]), Value: kv.Length > 1 ? WebUtility.UrlDecode(kv[1]) : ""))
            .ToList();
        string? One(string key) => query.Where(q => q.Key == key).Select(q => q.Value).FirstOrDefault();
        long? Long(string key) => One(key) is { } v ? long.Parse(v, CultureInfo.InvariantCulture) : null;
        if (One("with")?.Contains("only_deleted", StringComparison.Ordinal) == true)
        {
            return Answers.NoContent();
        }

        var ids = query.Where(q => q.Key == "filter[id][]").Select(q => long.Parse(q.Value, CultureInfo.InvariantCulture)).ToHashSet();
        IEnumerable<ListRecord> matching = records.Where(r => ids.Count == 0 || ids.Contains(r.Id))
            .Where(r => Long("filter[updated_at][from]") is not { } f || r.UpdatedAt >= f)
            .Where(r => Long("filter[updated_at][to]") is not { } t || r.UpdatedAt <= t)
            .Where(r => Long("filter[created_at][from]") is not { } f || r.CreatedAt >= f)
            .Where(r => Long("filter[created_at][to]") is not { } t || r.CreatedAt <= t);
        matching = (sortsByUpdatedAt ? One("order[updated_at]") : null, One("order[created_at]"), One("order[id]")) switch
        {
            (null, null, null) when !sortsByUpdatedAt => matching.OrderBy(r => r.Id),
            ("asc", _, _) => matching.OrderBy(r => r.UpdatedAt).ThenBy(r => _tieRank[r.Id]),
            ("desc", _, _) => matching.OrderByDescending(r => r.UpdatedAt).ThenBy(r => _tieRank[r.Id]),
            (_, "asc", _) => matching.OrderBy(r => r.CreatedAt).ThenBy(r => _tieRank[r.Id]),
            (_, _, "asc") => matching.OrderBy(r => r.Id),
            _ => matching.OrderBy(r => _tieRank[r.Id]),
        };
        var size = Math.Min(_pageSize, (int)(Long("limit") ?? 250));
        var page = (int)(Long("page") ?? 1);
        var all = matching.ToList();
        var items = all.Skip((page - 1) * size).Take(size).ToList();
        if (items.Count == 0)
        {
            return Answers.NoContent();
        }

        var next = all.Count > page * size ? ""","next":{"href":"https://example.amocrm.ru/next"}""" : "";
        return Answers.Json($$$"""
            {"_page":{{{page}}},"_links":{"self":{"href":"https://example.amocrm.ru/self"}{{{next}}}},"_embedded":{"{{{embedded}}}":[{{{string.Join(",", items.Select(i => i.Json))}}}]}}
            """);
    }
}

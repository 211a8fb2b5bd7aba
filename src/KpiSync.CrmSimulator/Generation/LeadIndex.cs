namespace KpiSync.CrmSimulator.Generation;

/// <summary>Finds a plausible lead of a rep at a moment: one already created and preferably still open.</summary>
internal sealed class LeadIndex
{
    private const int RecentWindow = 20;
    private readonly Dictionary<long, SimLead[]> _byResponsible;

    public LeadIndex(IEnumerable<SimLead> leads) =>
        _byResponsible = leads
            .GroupBy(lead => lead.ResponsibleUserId)
            .ToDictionary(group => group.Key, group => group.OrderBy(lead => lead.CreatedAt).ThenBy(lead => lead.Id).ToArray());

    public SimLead? Find(Random random, long userId, long moment)
    {
        if (!_byResponsible.TryGetValue(userId, out var leads))
        {
            return null;
        }

        var created = CountCreatedBy(leads, moment);
        if (created == 0)
        {
            return null;
        }

        var from = Math.Max(0, created - RecentWindow);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var candidate = leads[random.Next(from, created)];
            if (candidate.ClosedAt is not { } closed || closed.ToUnixTimeSeconds() >= moment)
            {
                return candidate;
            }
        }

        return leads[random.Next(from, created)];
    }

    private static int CountCreatedBy(SimLead[] leads, long moment)
    {
        int low = 0, high = leads.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (leads[middle].CreatedAt.ToUnixTimeSeconds() <= moment)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

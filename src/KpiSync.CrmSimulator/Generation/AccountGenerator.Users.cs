using System.Globalization;

namespace KpiSync.CrmSimulator.Generation;

internal sealed partial class AccountGenerator
{
    private void CreateUsers()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _options.Employees; i++)
        {
            var (name, latin, lang) = PickUniqueName(taken, i);
            var id = AccountLayout.FirstUserId + i;
            _users.Add(new SimUser(id, name, $"{latin}@{_options.Subdomain}.example", lang, IsActive: true));
            _habits.Add(new EmployeeHabits(
                // A narrow spread of 31-34 leads a month (the same mean as before): most reps close the 30 deals a month that make their
                // conversion more than a small sample, and the account's lead count stays what benchmarks cite.
                LeadsPerMonth: _random.Between(31, 34),
                CallsPerDay: _random.Between(3, 8),
                WinRate: _random.Between(0.15, 0.6),
                PriceLevel: _random.Between(0.6, 2.2),
                // As many tasks a day as before, more of them client meetings.
                MeetingsPerDay: _random.Between(0.8, 1.6),
                FollowUpsPerDay: _random.Between(0.45, 1.45),
                ConversationRate: _random.Between(0.7, 0.85),
                BusyShare: _random.Between(0.5, 0.7)));
        }
    }

    private (string Name, string Latin, string Lang) PickUniqueName(HashSet<string> taken, int index)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = _random.Chance(0.6) ? RussianName() : EnglishName();
            if (attempt >= 50)
            {
                // Only reachable with hundreds of employees: keep names unique with a number.
                var suffix = (index + 1).ToString(CultureInfo.InvariantCulture);
                candidate = (candidate.Name + " " + suffix, candidate.Latin + suffix, candidate.Lang);
            }

            if (taken.Add(candidate.Name))
            {
                return candidate;
            }
        }
    }

    private (string Name, string Latin, string Lang) RussianName()
    {
        var first = _random.Pick(NameCatalog.RussianFirstNames);
        var last = _random.Pick(NameCatalog.RussianLastNames);
        var lastName = first.Female ? last.Name + "а" : last.Name;
        var lastLatin = first.Female ? last.Latin + "a" : last.Latin;
        return ($"{first.Name} {lastName}", $"{first.Latin}.{lastLatin}", "ru");
    }

    private (string Name, string Latin, string Lang) EnglishName()
    {
        var first = _random.Pick(NameCatalog.EnglishFirstNames);
        var last = _random.Pick(NameCatalog.EnglishLastNames);
        return ($"{first} {last}", $"{first}.{last}".ToLowerInvariant(), "en");
    }
}

namespace KpiSync.CrmSimulator.Generation;

/// <summary>
/// Builds the seeded account. Every random draw comes from one <see cref="Random"/> seeded with
/// <see cref="SimulatorOptions.Seed"/>, in a fixed order, so equal options give byte-identical data.
/// </summary>
internal sealed partial class AccountGenerator
{
    private readonly SimulatorOptions _options;
    private readonly Random _random;
    private readonly WorkCalendar _calendar;
    private readonly TimeZoneInfo _timeZone;
    private readonly List<SimUser> _users = [];
    private readonly List<EmployeeHabits> _habits = [];
    private readonly List<PendingEvent> _events = [];

    private AccountGenerator(SimulatorOptions options, TimeZoneInfo timeZone, DateTimeOffset start, DateTimeOffset anchor)
    {
        _options = options;
        // Seeded System.Random is a stable, documented-deterministic sequence; this is test data, not security.
        _random = new Random(options.Seed);
        _calendar = new WorkCalendar(timeZone, start.ToUnixTimeSeconds(), anchor.ToUnixTimeSeconds());
        _timeZone = timeZone;
    }

    public static GeneratedAccount Generate(SimulatorOptions options, DateTimeOffset anchor)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var wholeSeconds = DateTimeOffset.FromUnixTimeSeconds(anchor.ToUnixTimeSeconds());
        var start = wholeSeconds.AddMonths(-options.Months);
        var generator = new AccountGenerator(options, timeZone, start, wholeSeconds);
        generator.CreateUsers();
        var leads = generator.CreateLeads();
        var invoices = generator.AddDetails(leads);
        var index = new LeadIndex(leads);
        var days = generator.PlanDays();
        var notes = generator.CreateCalls(index, days);
        var tasks = generator.CreateTasks(index, days);
        var events = generator.AssignEventIds();
        return new GeneratedAccount(start, wholeSeconds, timeZone, generator._users, leads, events, notes, tasks, invoices);
    }

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    private long Clamp(long moment) => Math.Clamp(moment, _calendar.Start, _calendar.Anchor);

    /// <summary>
    /// A moment inside working hours of a working day, or (rarely) any moment of the window, at the point
    /// <paramref name="stratum"/> (0..1) of the window: a rep's leads arrive spread over it, as a steady flow does, so
    /// every month brings each rep about as many deals to close (and a conversion on enough of them).
    /// </summary>
    private long LeadMoment(double stratum)
    {
        var days = _calendar.WorkdayStarts;
        if (_random.Chance(0.9) && days.Count > 0)
        {
            var moment = days[Math.Min(days.Count - 1, (int)(stratum * days.Count))] + _random.Next(WorkCalendar.WorkdaySeconds);
            if (_calendar.Contains(moment))
            {
                return moment;
            }
        }

        return _calendar.Start + (long)(stratum * (_calendar.Anchor - _calendar.Start));
    }
}

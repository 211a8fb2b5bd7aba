namespace KpiSync.CrmSimulator.Generation;

/// <summary>Per-employee multipliers drawn from the seed, so KPIs differ between reps. <see cref="BusyShare"/> is the
/// share of working hours a rep spends in conversations, meetings and follow-ups.</summary>
internal sealed record EmployeeHabits(
    double LeadsPerMonth,
    double CallsPerDay,
    double WinRate,
    double PriceLevel,
    double MeetingsPerDay,
    double FollowUpsPerDay,
    double ConversationRate,
    double BusyShare);

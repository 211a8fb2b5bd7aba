namespace KpiSync.CrmSimulator.Generation;

/// <summary>Per-employee multipliers drawn from the seed, so KPIs differ between reps.</summary>
internal sealed record EmployeeHabits(
    double LeadsPerMonth,
    double CallsPerDay,
    double WinRate,
    double PriceLevel,
    double MeetingsPerDay,
    double FollowUpsPerDay,
    double ConversationRate);

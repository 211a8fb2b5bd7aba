using System.ComponentModel.DataAnnotations;

namespace KpiSync.Scheduling;

public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Whether <c>serve</c> runs the scheduler on this node. <value>Default true.</value></summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Quartz cron for each connection's sync → recompute → push cycle. <value>Default every 15 minutes: 0 0/15 * * * ?</value></summary>
    [Required(ErrorMessage = "Scheduling:CycleCron must not be empty.")]
    public string CycleCron { get; init; } = "0 0/15 * * * ?";
}

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

    /// <summary>This node's name in the Quartz cluster (shown on the dashboard's jobs page). Every node needs its own;
    /// <c>AUTO</c> lets Quartz make one from the host name and the start time. <value>Default AUTO.</value></summary>
    [Required(ErrorMessage = "Scheduling:InstanceId must not be empty (AUTO makes one).")]
    public string InstanceId { get; init; } = "AUTO";

    /// <summary>How often each node checks in with the cluster; a node silent for this plus
    /// <see cref="ClusterCheckinMisfireThreshold"/> is taken for dead and its recoverable jobs run again elsewhere. <value>Default 00:00:07.500.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Scheduling:ClusterCheckinInterval must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan ClusterCheckinInterval { get; init; } = TimeSpan.FromMilliseconds(7500);

    /// <summary>Grace beyond the check-in interval before a silent node is taken for dead. <value>Default 00:00:07.500.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Scheduling:ClusterCheckinMisfireThreshold must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan ClusterCheckinMisfireThreshold { get; init; } = TimeSpan.FromMilliseconds(7500);

    /// <summary>How long a stopping node waits for its running jobs: a sync stops at its next page and commits; one that
    /// cannot within half this time is aborted (its last committed batch stands). Sets the host's shutdown timeout. <value>Default 00:00:30.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Scheduling:ShutdownTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

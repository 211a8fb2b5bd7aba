using System.ComponentModel.DataAnnotations;

namespace KpiSync.Scheduling;

public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Whether <c>serve</c> runs jobs on this node. A node with false still queues webhooks, resyncs and the
    /// recurring jobs, and shows the dashboard; other nodes run them. <value>Default true.</value></summary>
    public bool Enabled { get; init; } = true;

    /// <summary>5-field cron (minute hour day-of-month month day-of-week) of each connection's sync → recompute → push
    /// cycle, in the connection's time zone. <value>Default every 15 minutes: */15 * * * *</value></summary>
    [Required(ErrorMessage = "Scheduling:CycleCron must not be empty.")]
    public string CycleCron { get; init; } = "*/15 * * * *";

    /// <summary>This node's name among Hangfire's servers (its id adds the process id and a random part).
    /// <value>Default the machine name.</value></summary>
    [Required(ErrorMessage = "Scheduling:ServerName must not be empty.")]
    public string ServerName { get; init; } = Environment.MachineName;

    /// <summary>Jobs this node runs at once: cycles of different connections run side by side (one connection's never
    /// do). Hangfire's own connection pool is sized from it. <value>Default 4.</value></summary>
    [Range(1, 64, ErrorMessage = "Scheduling:WorkerCount must be between 1 and 64.")]
    public int WorkerCount { get; init; } = 4;

    /// <summary>How often an idle node asks the database for queued jobs (a job queued on this node starts at once).
    /// <value>Default 00:00:05.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Scheduling:QueuePollInterval must be between 00:00:00.050 and 00:05:00.")]
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the recurring and delayed schedulers look for due jobs; a tick starts up to this late.
    /// <value>Default 00:00:15.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Scheduling:SchedulePollingInterval must be between 00:00:01 and 00:05:00.")]
    public TimeSpan SchedulePollingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A running job's claim is renewed every fifth of this; a node that dies stops renewing, and another node
    /// takes the job over this long after the last renewal. <value>Default 00:05:00.</value></summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Scheduling:InvisibilityTimeout must be between 00:00:05 and 01:00:00.")]
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often this node reports itself alive; a node silent for <see cref="ServerTimeout"/> leaves the
    /// dashboard's servers list. <value>Default 00:00:30.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Scheduling:HeartbeatInterval must be between 00:00:01 and 00:10:00.")]
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><value>Default 00:05:00.</value></summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Scheduling:ServerTimeout must be between 00:00:05 and 01:00:00.")]
    public TimeSpan ServerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each node brings the recurring jobs in line with the connections (added, renamed, paused,
    /// removed), besides at start-up and right after a change on the dashboard. <value>Default 00:01:00.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Scheduling:ReconcileInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a stopping node waits for its running jobs: a sync stops at its next page and commits, and the
    /// job goes back to the queue; one that cannot within half this time is aborted (its last committed page stands).
    /// <value>Default 00:00:30.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Scheduling:ShutdownTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

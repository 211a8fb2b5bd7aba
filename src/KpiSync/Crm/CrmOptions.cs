using System.ComponentModel.DataAnnotations;

namespace KpiSync.Crm;

public sealed class CrmOptions
{
    public const string SectionName = "Crm";

    /// <summary>Requests per second per connection; amoCRM allows 7 per integration. 0 turns the limiter off.
    /// <value>Default 7.</value></summary>
    [Range(0, 1000, ErrorMessage = "Crm:RequestsPerSecond must be between 0 and 1000.")]
    public double RequestsPerSecond { get; init; } = 7;

    /// <summary>Timeout of one HTTP attempt. <value>Default 00:00:30.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Crm:Timeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of a connection check (<c>connections add</c>, <c>connections check</c>): one attempt, no
    /// retries, so a wrong or unreachable address is reported at once. <value>Default 00:00:10.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Crm:CheckTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a 429, a 5xx, a timeout or a dropped connection. <value>Default 6.</value></summary>
    [Range(0, 20, ErrorMessage = "Crm:MaxRetries must be between 0 and 20.")]
    public int MaxRetries { get; init; } = 6;

    /// <summary>First retry delay; later ones grow exponentially with jitter. <value>Default 00:00:01.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Crm:RetryBaseDelay must be between 00:00:00 and 00:01:00.")]
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a connection's circuit stays open after most of its recent calls failed; calls fail fast
    /// meanwhile and the run reports it. <value>Default 00:01:00.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Crm:CircuitBreakDuration must be between 00:00:01 and 01:00:00.")]
    public TimeSpan CircuitBreakDuration { get; init; } = TimeSpan.FromMinutes(1);
}

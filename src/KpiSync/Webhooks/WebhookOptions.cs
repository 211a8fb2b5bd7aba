using System.ComponentModel.DataAnnotations;

namespace KpiSync.Webhooks;

public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Webhooks arriving within this time of the last one trigger no second sync (amoCRM sends bursts).
    /// <value>Default 00:00:05.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Webhooks:Debounce must be between 00:00:00 and 00:10:00.")]
    public TimeSpan Debounce { get; init; } = TimeSpan.FromSeconds(5);
}

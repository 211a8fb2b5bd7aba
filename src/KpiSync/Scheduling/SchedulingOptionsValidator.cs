using Microsoft.Extensions.Options;

namespace KpiSync.Scheduling;

/// <summary>Rejects a cycle schedule that is not a 5-field cron, naming the key, the value and (for a Quartz-style
/// value) the 5-field equivalent.</summary>
internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options) =>
        CycleCron.Explain(SchedulingOptions.SectionName + ":" + nameof(SchedulingOptions.CycleCron), options.CycleCron) is { } error
            ? ValidateOptionsResult.Fail(error)
            : ValidateOptionsResult.Success;
}

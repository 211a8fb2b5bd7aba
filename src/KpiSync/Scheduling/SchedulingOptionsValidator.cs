using Microsoft.Extensions.Options;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>Rejects a cron expression Quartz cannot parse, naming the key and the value.</summary>
internal sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options) =>
        options.CycleCron is not null && CronExpression.TryParse(options.CycleCron, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Scheduling:CycleCron '{options.CycleCron}' is not a valid Quartz cron expression (e.g. '0 0/15 * * * ?').");
}

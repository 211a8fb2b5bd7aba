using Microsoft.Extensions.Options;

namespace KpiSync.Publishing;

/// <summary>Rejects an unknown indicator in Publishing:Indicators at start-up, naming it and the keys close to it.</summary>
internal sealed class PublishingOptionsValidator : IValidateOptions<PublishingOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishingOptions options) =>
        PublishedIndicators.Explain(options.Indicators) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}

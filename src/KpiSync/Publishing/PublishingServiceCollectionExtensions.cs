using Microsoft.Extensions.Options;

namespace KpiSync.Publishing;

public static class PublishingServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PublishingOptions>, PublishingOptionsValidator>();
        builder.Services.AddSingleton<DataAsOfStore>();
        builder.Services.AddSingleton<KpiPublisher>();
        return builder;
    }
}

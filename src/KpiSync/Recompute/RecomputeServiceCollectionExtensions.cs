namespace KpiSync.Recompute;

public static class RecomputeServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddRecompute(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RecomputeProgress>();
        builder.Services.AddSingleton<KpiRecomputer>();
        builder.Services.AddSingleton<KpiExplainer>();
        return builder;
    }
}

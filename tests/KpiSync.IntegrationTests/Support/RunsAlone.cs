namespace KpiSync.IntegrationTests.Support;

/// <summary>
/// Tests that run whole processes or a browser against deadlines (two serve nodes, SIGKILLs, Playwright) run alone,
/// after the parallel ones: on two cores, sharing them with every other test class made their timings flaky.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "serial";
}

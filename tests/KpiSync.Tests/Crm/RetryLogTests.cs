using System.Net;
using KpiSync.Crm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace KpiSync.Tests.Crm;

/// <summary>A retry's log line: the delay in human units; a warning for a real CRM, debug for the demo's own simulator.</summary>
public sealed class RetryLogTests
{
    private static readonly Uri Simulator = new("http://127.0.0.1:5555/");

    [Theory]
    [InlineData(false, LogLevel.Warning)]
    [InlineData(true, LogLevel.Debug)]
    public async Task Retry_After429_LogsTheDelayInUnits_AtTheLevelOfItsCrm(bool simulator, LogLevel expected)
    {
        var logger = new ListLogger();
        var pipelines = new CrmResiliencePipelines(Options.Create(new CrmOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.Zero }), TimeProvider.System, logger);
        pipelines.MarkSimulator(Simulator);
        var context = ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);
        context.Properties.Set(CrmResiliencePipelines.SimulatorProperty, simulator);
        var calls = 0;

        using var response = await pipelines.For(1).ExecuteAsync(_ =>
            ValueTask.FromResult(new HttpResponseMessage(calls++ == 0 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK)), context);

        ResilienceContextPool.Shared.Return(context);
        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(expected, level);
        Assert.Equal("CRM call failed (HTTP 429); retry 1 in 0 ms", message);
        Assert.True(pipelines.IsSimulator(Simulator));
    }

    private sealed class ListLogger : ILogger<CrmResiliencePipelines>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}

using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace KpiSync.Scheduling;

/// <summary>
/// Hangfire's logs, through this host's logger factory. Hangfire keeps its log provider in static state, so in a process
/// with several hosts (the integration tests) it is the factory of whichever host configured Hangfire last; once that
/// host is disposed, asking the factory for a logger throws, and a worker that fetched a job drops it there (the job
/// then waits out its invisibility timeout). A disposed factory gives a silent logger instead.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null) => false;
    }
}

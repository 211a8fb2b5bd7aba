using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace KpiSync.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide, and each host points it at its own logger factory. In a process that
/// builds several hosts (the tests do), Hangfire would otherwise fail with ObjectDisposedException wherever it creates
/// a logger after that host was disposed — in every other host, e.g. on each dashboard command. Its loggers then log
/// nothing instead.
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

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

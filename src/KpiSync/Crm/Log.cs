
namespace KpiSync.Crm;

internal static partial class Log
{
    // The level is the caller's: a real CRM's failures warn, the built-in simulator's deliberate 429s do not.
    [LoggerMessage(EventId = 1001, Message = "CRM call failed ({Failure}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, LogLevel level, int attempt, string? failure, string delay);

}


namespace KpiSync.Crm;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "CRM call failed ({Failure}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, string? failure, TimeSpan delay);

}

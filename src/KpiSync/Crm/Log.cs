
namespace KpiSync.Crm;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "CRM call failed ({Failure}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, string? failure, TimeSpan delay);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "CRM page {Page} was unreadable (read {Attempt}): {Error}; reading it again")]
    public static partial void UnreadablePage(ILogger logger, string page, int attempt, string error);
}

namespace KpiSync.Hosting;

/// <summary>Why something failed, in one line, for a person: the CLI's <c>error:</c> line and a connection's health.</summary>
internal static class FailureReason
{
    public static string Of(Exception exception)
    {
        // The innermost exception names the cause ("The response ended prematurely"); the ones around it mostly say
        // where ("Error while copying content to a stream"). An outer message that contains the inner one says more
        // ("Connection refused (127.0.0.1:5)" around "Connection refused"), so it wins.
        var chain = new List<Exception>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        var best = chain[^1];
        for (var i = chain.Count - 2; i >= 0 && chain[i].Message.Contains(best.Message, StringComparison.Ordinal); i--)
        {
            best = chain[i];
        }

        var message = string.Join(' ', best.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return message.Length > 0 ? message : best.GetType().Name;
    }
}

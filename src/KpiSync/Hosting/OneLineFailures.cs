using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace KpiSync.Hosting;

/// <summary>
/// The console's view of a logged exception: one line ending in the reason (<see cref="FailureReason"/>), unless
/// the console is at Debug or below. The stack trace is in the error log either way; on the console it buried the
/// line that says what went wrong.
/// </summary>
internal sealed class OneLineFailures(Logger console, bool stackTraces) : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Exception is null || stackTraces)
        {
            console.Write(logEvent);
            return;
        }

        var reason = FailureReason.Of(logEvent.Exception);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)).ToList();
        var template = logEvent.MessageTemplate;
        // A message that already names the reason ("Could not record …: {Error}") is not given it twice.
        if (!logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(reason, StringComparison.Ordinal))
        {
            template = Parser.Parse(template.Text.TrimEnd('.', ' ') + ": {FailureReason}");
            properties.RemoveAll(p => p.Name == "FailureReason");
            properties.Add(new LogEventProperty("FailureReason", new ScalarValue(reason)));
        }

        console.Write(new LogEvent(logEvent.Timestamp, logEvent.Level, null, template, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default));
    }

    public void Dispose() => console.Dispose();
}

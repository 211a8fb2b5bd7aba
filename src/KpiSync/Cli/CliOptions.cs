using System.CommandLine;
using KpiSync.Kpis.Periods;

namespace KpiSync.Cli;

/// <summary>Options several commands share, and the checks on their values.</summary>
internal static class CliOptions
{
    /// <summary>Optional while there is one connection (<see cref="CliConnections"/>).</summary>
    public static Option<string?> Connection() => new("--connection", "-c") { Description = "Connection name (may be left out when there is only one)" };

    /// <summary>The connection to manage, for <c>connections</c> subcommands; optional like <see cref="Connection"/>.</summary>
    public static Option<string?> ConnectionName() => new("--name") { Description = "The connection (may be left out when there is only one)" };

    /// <summary>Who makes a change, for the audit trail; defaults to the OS user running the command.</summary>
    public static Option<string> Author() => new("--author")
    {
        Description = "Who makes the change (kept with every version and in the audit log); default: the OS user",
        DefaultValueFactory = _ => Environment.UserName,
    };

    public static Uri ParseBaseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : throw new CliUsageException($"--base-url '{text}' is not an absolute http(s) URL, e.g. https://example.amocrm.ru");

    public static string? ParseTimeZone(string? text) =>
        text is null ? null
        : TimeZoneInfo.TryFindSystemTimeZoneById(text, out var tz) ? tz.Id
        : throw new CliUsageException($"--time-zone '{text}' is not a known time zone, e.g. Europe/Moscow");

    public static MonthPeriod ParsePeriod(string? text) =>
        MonthPeriod.TryParse(text, out var p) ? p : throw new CliUsageException($"--period '{text}' is not a month in the form YYYY-MM, e.g. 2026-10");

    public static Period ParseAnyPeriod(string? text) =>
        Period.TryParse(text, out var p) ? p : throw new CliUsageException($"--period '{text}' is not a month (2026-10), an ISO week (2026-W43) or a day (2026-10-20)");

    public static DateTimeOffset? ParseDate(string? text, string option) =>
        text is null ? null
        : DateTime.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : throw new CliUsageException($"{option} '{text}' is not a date in the form YYYY-MM-DD");
}

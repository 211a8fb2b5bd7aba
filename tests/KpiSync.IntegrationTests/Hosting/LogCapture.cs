namespace KpiSync.IntegrationTests.Hosting;

/// <summary>
/// The console sink's output, captured: the same configured sink slot (Serilog:WriteTo:0) and template, written to a
/// file instead of the terminal, plus the error log in a file of its own.
/// </summary>
public sealed class LogCapture
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kpisync-logs-").FullName;

    public string ConsolePath => Path.Combine(_directory, "console.log");

    public string ErrorLogPath => Path.Combine(_directory, "errors.log");

    public Dictionary<string, string?> Settings(string level) => new()
    {
        ["Serilog:MinimumLevel:Default"] = level,
        ["Serilog:WriteTo:0:Name"] = "File",
        ["Serilog:WriteTo:0:Args:path"] = ConsolePath,
        ["Cli:ErrorLog"] = ErrorLogPath,
    };

    public string[] ConsoleLines() => File.Exists(ConsolePath) ? File.ReadAllLines(ConsolePath) : [];

    public string ErrorLog() => File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : "";
}

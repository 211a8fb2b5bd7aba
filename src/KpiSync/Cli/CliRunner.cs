using System.CommandLine;
using KpiSync.Crm;
using KpiSync.Hosting;
using KpiSync.Storage;
using Microsoft.Extensions.Options;

namespace KpiSync.Cli;

/// <summary>
/// Runs a command body inside a started host and turns the failures a user can act on into one line on stderr and
/// a non-zero exit: 2 for bad input, 1 for everything else. Messages never contain credentials.
/// </summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(ParseResult parse, HostMode mode, IReadOnlyDictionary<string, string?>? overrides,
        Func<KpiSyncSession, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            await using var session = await KpiSyncSession.StartAsync(mode, overrides, ct);
            return await body(session, output, ct);
        }
        catch (Exception e) when (Describe(e) is { } described)
        {
            // A failure of the work (not of the input) says which work: "error: sync demo: amocrm 503 …".
            await error.WriteLineAsync(described.ExitCode == 1
                ? $"error: {CliFailure.Operation(parse)}: {described.Message}"
                : "error: " + described.Message);
            return described.ExitCode;
        }
    }

    /// <summary>Validates input before anything starts; same reporting as <see cref="RunAsync"/>.</summary>
    public static int? Check(ParseResult parse, Action validate)
    {
        try
        {
            validate();
            return null;
        }
        catch (CliUsageException e)
        {
            parse.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
            return 2;
        }
    }

    private static (string Message, int ExitCode)? Describe(Exception e) => e switch
    {
        CliUsageException or UnknownConnectionException => (e.Message, 2),
        OptionsValidationException o => (string.Join("; ", o.Failures), 1),
        InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => (e.Message, 1),
        StorageException or CrmApiException or Npgsql.NpgsqlException => (e.Message, 1),
        ConnectionUnavailableException or Crm.Auth.CrmAuthorizationException or Polly.CircuitBreaker.BrokenCircuitException => (e.Message, 1),
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => null,
    };
}

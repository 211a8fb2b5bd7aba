using Npgsql;

namespace KpiSync.Admin;

/// <summary>200 with <c>{"status":"healthy"}</c> when the database answers, 503 otherwise.</summary>
internal static class HealthEndpoint
{
    public static async Task<IResult> CheckAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand("select 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return Results.Json(new HealthReport("healthy", "ok"), AdminJsonContext.Default.HealthReport);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return Results.Json(new HealthReport("unhealthy", e.Message), AdminJsonContext.Default.HealthReport, statusCode: 503);
        }
    }
}

internal sealed record HealthReport(string Status, string Database);

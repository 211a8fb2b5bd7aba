using Dapper;

namespace KpiSync.Storage;

internal sealed partial class ConnectionStore
{
    private const string UpdateSettings = """
        update kpisync.connections set base_url = @baseUrl, time_zone = @timeZone, updated_at = now() where id = @id
        """;

    /// <summary>A connection's address and time zone, edited on the dashboard (null time zone: taken from the account at the next sync).</summary>
    public async Task UpdateSettingsAsync(int id, Uri baseUrl, string? timeZone, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateSettings, new { id, baseUrl = baseUrl.ToString(), timeZone }, cancellationToken: ct));
    }
}

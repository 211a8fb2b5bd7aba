using System.Text.Json;
using Dapper;
using KpiSync.Crm;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>connections</c> table. Credentials are a JSON document in <c>credentials</c>; they never leave through ToString.</summary>
internal sealed class ConnectionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, kind, base_url, time_zone, credentials";

    private const string Insert = """
        insert into kpisync.connections (name, kind, base_url, time_zone, credentials)
        values (@Name, @Kind, @BaseUrl, @TimeZone, @Credentials)
        returning id
        """;

    private const string Upsert = """
        insert into kpisync.connections (name, kind, base_url, time_zone, credentials)
        values (@Name, @Kind, @BaseUrl, @TimeZone, @Credentials)
        on conflict (name) do update set kind = excluded.kind, base_url = excluded.base_url,
            time_zone = coalesce(excluded.time_zone, kpisync.connections.time_zone), credentials = excluded.credentials, updated_at = now()
        returning id
        """;

    private const string SelectByName = $"select {Columns} from kpisync.connections where name = @name";
    private const string SelectAll = $"select {Columns} from kpisync.connections order by name";
    private const string UpdateTimeZone = "update kpisync.connections set time_zone = @timeZone, updated_at = now() where id = @id";

    public async Task<int> AddAsync(string name, string kind, Uri baseUrl, string? timeZone, string accessToken, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return await conn.ExecuteScalarAsync<int>(new CommandDefinition(Insert, Params(name, kind, baseUrl, timeZone, accessToken), cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException($"A connection named '{name}' already exists.", e);
        }
    }

    /// <summary>Adds or updates a connection by name (the demo re-registers its simulator, whose port changes each run).</summary>
    public async Task<int> UpsertAsync(string name, string kind, Uri baseUrl, string? timeZone, string accessToken, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(Upsert, Params(name, kind, baseUrl, timeZone, accessToken), cancellationToken: ct));
    }

    public async Task<CrmConnection?> FindAsync(string name, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectByName, new { name }, cancellationToken: ct));
        return row?.ToConnection();
    }

    public async Task<IReadOnlyList<CrmConnection>> ListAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(SelectAll, cancellationToken: ct));
        return rows.Select(r => r.ToConnection()).ToList();
    }

    public async Task SetTimeZoneAsync(int id, string timeZone, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateTimeZone, new { id, timeZone }, cancellationToken: ct));
    }

    private static object Params(string name, string kind, Uri baseUrl, string? timeZone, string accessToken) => new
    {
        Name = name, Kind = kind, BaseUrl = baseUrl.ToString(), TimeZone = timeZone,
        Credentials = JsonSerializer.Serialize(new Credentials(accessToken), StorageJsonContext.Default.Credentials),
    };

    private sealed record Row(int Id, string Name, string Kind, string BaseUrl, string? TimeZone, string? Credentials)
    {
        public CrmConnection ToConnection() => new(Id, Name, Kind, new Uri(BaseUrl), TimeZone,
            Credentials is null ? null : JsonSerializer.Deserialize(Credentials, StorageJsonContext.Default.Credentials)?.AccessToken);
    }
}

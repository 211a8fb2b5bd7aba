using Dapper;
using KpiSync.Crm;
using KpiSync.Crm.Auth;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>connections</c> table. Credentials are encrypted here on the way in and decrypted on the way out;
/// only <see cref="CrmTokenProvider"/> asks for them.</summary>
internal sealed partial class ConnectionStore(NpgsqlDataSource dataSource, CredentialProtector protector, TimeProvider time)
{
    private const string Columns = "id, name, kind, base_url, time_zone, status, status_reason";

    private const string Insert = """
        insert into kpisync.connections (name, kind, base_url, time_zone, credentials)
        values (@Name, @Kind, @BaseUrl, @TimeZone, @Credentials)
        returning id
        """;

    private const string Upsert = """
        insert into kpisync.connections (name, kind, base_url, time_zone, credentials)
        values (@Name, @Kind, @BaseUrl, @TimeZone, @Credentials)
        on conflict (name) do update set kind = excluded.kind, base_url = excluded.base_url,
            time_zone = coalesce(excluded.time_zone, kpisync.connections.time_zone), credentials = excluded.credentials,
            status = 'active', status_reason = null, updated_at = now()
        returning id
        """;

    private const string SelectByName = $"select {Columns} from kpisync.connections where name = @name";
    private const string SelectAll = $"select {Columns} from kpisync.connections order by name";
    private const string UpdateTimeZone = "update kpisync.connections set time_zone = @timeZone, updated_at = now() where id = @id";

    private const string SelectLeadFields = "select settings -> 'lead_fields' from kpisync.connections where id = @id";
    private const string UpdateLeadFields = """
        update kpisync.connections set settings = jsonb_set(settings, '{lead_fields}', coalesce(settings -> 'lead_fields', '{}'::jsonb) || @fields::jsonb), updated_at = now()
        where id = @id
        """;

    private const string UpdateWebhookSecret = "update kpisync.connections set webhook_secret_hash = @hash, updated_at = now() where id = @id";
    private const string SelectWebhookSecret = "select webhook_secret_hash from kpisync.connections where name = @name";

    private const string UpdateStatus = """
        update kpisync.connections set status = @status, status_reason = @reason, status_changed_at = @at, updated_at = now()
        where id = @id and (status, coalesce(status_reason, '')) is distinct from (@status, coalesce(@reason, ''))
        """;

    public async Task<int> AddAsync(string name, string kind, Uri baseUrl, string? timeZone, CrmCredentials credentials, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return await conn.ExecuteScalarAsync<int>(new CommandDefinition(Insert, Params(name, kind, baseUrl, timeZone, credentials), cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException($"A connection named '{name}' already exists.", e);
        }
    }

    /// <summary>Adds or replaces a connection by name (the demo re-registers its simulator, whose port changes each run).</summary>
    public async Task<int> UpsertAsync(string name, string kind, Uri baseUrl, string? timeZone, CrmCredentials credentials, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(Upsert, Params(name, kind, baseUrl, timeZone, credentials), cancellationToken: ct));
    }

    public async Task<CrmConnection?> FindAsync(string name, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CrmConnection>(new CommandDefinition(SelectByName, new { name }, cancellationToken: ct));
    }

    /// <summary>The named connection, or <see cref="UnknownConnectionException"/>: what every command that names one needs.</summary>
    public async Task<CrmConnection> GetAsync(string name, CancellationToken ct) =>
        await FindAsync(name, ct) ?? throw new UnknownConnectionException(name);

    public async Task<IReadOnlyList<CrmConnection>> ListAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<CrmConnection>(new CommandDefinition(SelectAll, cancellationToken: ct))).ToList();
    }

    public async Task SetTimeZoneAsync(int id, string timeZone, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateTimeZone, new { id, timeZone }, cancellationToken: ct));
    }

    /// <summary>Records the connection's health; returns true when it changed. Runs on its own token so a failing
    /// request still gets its verdict recorded.</summary>
    public async Task<bool> SetStatusAsync(int id, string status, string? reason)
    {
        await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
        return await conn.ExecuteAsync(new CommandDefinition(UpdateStatus, new { id, status, reason, at = time.GetUtcNow() })) == 1;
    }

    /// <summary>Per-connection choices of lead custom fields: role (cost, segment, product, paid, due) → field name or id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetLeadFieldChoicesAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var json = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SelectLeadFields, new { id }, cancellationToken: ct));
        return json is null ? new Dictionary<string, string>() : System.Text.Json.JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringString)!;
    }

    public async Task SetLeadFieldChoicesAsync(int id, IReadOnlyDictionary<string, string> choices, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var json = System.Text.Json.JsonSerializer.Serialize(choices.ToDictionary(), StorageJsonContext.Default.DictionaryStringString);
        await conn.ExecuteAsync(new CommandDefinition(UpdateLeadFields, new { id, fields = json }, cancellationToken: ct));
    }

    public async Task SetWebhookSecretHashAsync(int id, string hash, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateWebhookSecret, new { id, hash }, cancellationToken: ct));
    }

    public async Task<string?> GetWebhookSecretHashAsync(string name, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SelectWebhookSecret, new { name }, cancellationToken: ct));
    }

    private object Params(string name, string kind, Uri baseUrl, string? timeZone, CrmCredentials credentials) => new
    {
        Name = name, Kind = kind, BaseUrl = baseUrl.ToString(), TimeZone = timeZone, Credentials = protector.Protect(credentials),
    };
}

using Dapper;
using KpiSync.Crm.Auth;
using Npgsql;

namespace KpiSync.Storage;

internal sealed partial class ConnectionStore
{
    private const string SelectCredentials = "select credentials from kpisync.connections where id = @id";

    // One refresher per connection across all nodes: amoCRM refresh tokens are single-use, so two refreshes racing
    // would burn the pair. Transaction-scoped, so it is released by commit or rollback.
    private const string LockCredentials = "select pg_advisory_xact_lock(hashtext('kpisync:token:' || @id))";

    private const string UpdateCredentials = "update kpisync.connections set credentials = @credentials, updated_at = now() where id = @id";

    private const string ReplaceCredentials = """
        update kpisync.connections set credentials = @credentials, status = 'active', status_reason = null,
            status_changed_at = @at, updated_at = now()
        where id = @id
        """;

    public async Task<CrmCredentials> ReadCredentialsAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return Decrypt(await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SelectCredentials, new { id }, cancellationToken: ct)), id);
    }

    /// <summary>Takes the connection's refresh lock in <paramref name="tx"/>, then reads the credentials as they are now.</summary>
    public async Task<CrmCredentials> LockCredentialsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int id, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(LockCredentials, new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, tx, cancellationToken: ct));
        return Decrypt(await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SelectCredentials, new { id }, tx, cancellationToken: ct)), id);
    }

    public async Task SaveCredentialsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int id, CrmCredentials credentials, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition(UpdateCredentials, new { id, credentials = protector.Protect(credentials) }, tx, cancellationToken: ct));

    /// <summary>New credentials from an admin (a new code or token): the connection becomes active again.</summary>
    public async Task ReplaceCredentialsAsync(int id, CrmCredentials credentials, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(ReplaceCredentials, new { id, credentials = protector.Protect(credentials), at = time.GetUtcNow() }, cancellationToken: ct));
    }

    private CrmCredentials Decrypt(string? stored, int id) =>
        stored is null ? throw new CrmAuthorizationException($"Connection {id} has no credentials.") : protector.Unprotect(stored);
}

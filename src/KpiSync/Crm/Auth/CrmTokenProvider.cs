using System.Collections.Concurrent;
using System.Net;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Crm.Auth;

/// <summary>
/// Hands out a connection's access token, refreshing it shortly before expiry or after a 401. amoCRM refresh tokens
/// are single-use and every node shares one pair, so a refresh takes the connection's advisory lock, re-reads the
/// stored pair (another node may just have refreshed it), calls the CRM only if still needed, and stores the new
/// pair in the same transaction. A refresh the CRM refuses marks the connection "needs re-authorization".
/// </summary>
internal sealed class CrmTokenProvider(
    NpgsqlDataSource dataSource,
    ConnectionStore connections,
    AmoCrmOAuthClient oauth,
    TimeProvider time,
    ILogger<CrmTokenProvider> logger)
{
    /// <summary>Refresh this long before the access token expires, so no request goes out with a dying token.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<int, CrmCredentials> _cache = new();

    public async Task<string> GetAccessTokenAsync(CrmConnection connection, CancellationToken ct)
    {
        var credentials = _cache.TryGetValue(connection.Id, out var cached) ? cached : await connections.ReadCredentialsAsync(connection.Id, ct);
        if (Expiring(credentials))
        {
            return await RefreshAsync(connection, credentials.AccessToken, ct);
        }

        _cache[connection.Id] = credentials;
        return credentials.AccessToken;
    }

    /// <summary>Returns a token newer than <paramref name="staleAccessToken"/>: another node's fresh one, or a new one.</summary>
    public async Task<string> RefreshAsync(CrmConnection connection, string staleAccessToken, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var stored = await connections.LockCredentialsAsync(conn, tx, connection.Id, ct);
        if (stored.AccessToken != staleAccessToken && !Expiring(stored))
        {
            await tx.CommitAsync(ct);
            _cache[connection.Id] = stored;
            return stored.AccessToken;
        }

        if (!stored.CanRefresh)
        {
            await tx.RollbackAsync(ct);
            throw await NeedsReauthorizationAsync(connection, "the CRM refused the access token (401) and it cannot be refreshed", null);
        }

        CrmCredentials fresh;
        try
        {
            fresh = await oauth.RefreshAsync(connection, stored, ct);
        }
        catch (CrmApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
        {
            await tx.RollbackAsync(ct);
            throw await NeedsReauthorizationAsync(connection, $"the token refresh was refused ({(int)e.StatusCode!})", e);
        }

        await connections.SaveCredentialsAsync(conn, tx, connection.Id, fresh, ct);
        await tx.CommitAsync(ct);
        _cache[connection.Id] = fresh;
        logger.LogInformation("Refreshed the access token of {Connection}; it expires at {ExpiresAt:u}", connection.Name, fresh.ExpiresAt);
        return fresh.AccessToken;
    }

    public async Task<CrmAuthorizationException> NeedsReauthorizationAsync(CrmConnection connection, string reason, Exception? inner)
    {
        _cache.TryRemove(connection.Id, out _);
        if (await connections.SetStatusAsync(connection.Id, ConnectionStatus.NeedsReauthorization, reason))
        {
            logger.LogError("Connection {Connection} needs re-authorization: {Reason}", connection.Name, reason);
        }

        return new CrmAuthorizationException($"Connection '{connection.Name}' needs re-authorization: {reason}.", inner);
    }

    private bool Expiring(CrmCredentials c) => c.CanRefresh && c.ExpiresAt is { } at && at - RefreshAhead <= time.GetUtcNow();
}

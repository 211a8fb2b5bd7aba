using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>admins</c> table: dashboard accounts with their password hash (never the password).</summary>
internal sealed class AdminStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "id, user_name, password_hash, created_at, password_set_at, last_sign_in_at";

    private const string Insert = """
        insert into kpisync.admins (user_name, password_hash, created_at, password_set_at) values (@userName, @hash, @at, @at)
        on conflict (lower(user_name)) do nothing
        """;

    private const string Replace = """
        insert into kpisync.admins (user_name, password_hash, created_at, password_set_at) values (@userName, @hash, @at, @at)
        on conflict (lower(user_name)) do update set password_hash = excluded.password_hash, password_set_at = excluded.password_set_at
        """;

    private const string SelectByName = $"select {Columns} from kpisync.admins where lower(user_name) = lower(@userName)";
    private const string SelectById = $"select {Columns} from kpisync.admins where id = @id";
    private const string SelectAll = $"select {Columns} from kpisync.admins order by lower(user_name)";
    private const string Delete = "delete from kpisync.admins where lower(user_name) = lower(@userName)";
    private const string UpdateHash = "update kpisync.admins set password_hash = @hash where id = @id";
    private const string UpdateSignIn = "update kpisync.admins set last_sign_in_at = @at where id = @id";

    /// <summary>Adds the account; false when one of that name (case-insensitively) exists and <paramref name="replace"/> is false.</summary>
    public async Task<bool> AddAsync(string userName, string hash, bool replace, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(replace ? Replace : Insert, new { userName, hash, at = time.GetUtcNow() }, cancellationToken: ct)) == 1;
    }

    public async Task<AdminAccount?> FindAsync(string userName, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<AdminAccount>(new CommandDefinition(SelectByName, new { userName }, cancellationToken: ct));
    }

    public async Task<AdminAccount?> FindAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<AdminAccount>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AdminAccount>> ListAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<AdminAccount>(new CommandDefinition(SelectAll, cancellationToken: ct))).ToList();
    }

    public async Task<bool> RemoveAsync(string userName, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(Delete, new { userName }, cancellationToken: ct)) > 0;
    }

    /// <summary>A re-hash in a newer format after a successful sign-in (PasswordVerificationResult.SuccessRehashNeeded).</summary>
    public async Task UpdateHashAsync(int id, string hash, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateHash, new { id, hash }, cancellationToken: ct));
    }

    public async Task RecordSignInAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateSignIn, new { id, at = time.GetUtcNow() }, cancellationToken: ct));
    }
}

/// <summary>A dashboard account. ToString hides the hash.</summary>
public sealed record AdminAccount(int Id, string UserName, string PasswordHash, DateTime CreatedAt, DateTime PasswordSetAt, DateTime? LastSignInAt)
{
    public override string ToString() => $"AdminAccount {{ Id = {Id}, UserName = {UserName}, *** }}";
}

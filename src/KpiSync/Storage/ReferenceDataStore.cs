using Dapper;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The small reference tables: <c>crm_users</c>, <c>pipelines</c> and <c>stages</c>. Read whole each sync, upserted set-wise.</summary>
internal sealed class ReferenceDataStore(NpgsqlDataSource dataSource)
{
    private const string UpsertUsers = """
        insert into kpisync.crm_users as u (connection_id, crm_id, name, email, is_active)
        select @c, * from unnest(@ids, @names, @emails, @active)
        on conflict (connection_id, crm_id) do update set name = excluded.name, email = excluded.email, is_active = excluded.is_active
        where (u.name, u.email, u.is_active) is distinct from (excluded.name, excluded.email, excluded.is_active)
        """;

    // Users are read whole each sync: one the CRM no longer lists was deleted there, and stops counting as active
    // (no empty current-month row, no push-back); their facts stay theirs.
    private const string DeactivateUnlisted = """
        update kpisync.crm_users set is_active = false where connection_id = @c and is_active and crm_id <> all(@ids)
        """;

    private const string UpsertPipelines = """
        insert into kpisync.pipelines as p (connection_id, crm_id, name, sort, is_main, is_archive)
        select @c, * from unnest(@ids, @names, @sorts, @main, @archive)
        on conflict (connection_id, crm_id) do update set name = excluded.name, sort = excluded.sort, is_main = excluded.is_main, is_archive = excluded.is_archive
        where (p.name, p.sort, p.is_main, p.is_archive) is distinct from (excluded.name, excluded.sort, excluded.is_main, excluded.is_archive)
        """;

    private const string UpsertStages = """
        insert into kpisync.stages as s (connection_id, pipeline_id, crm_id, name, sort, outcome)
        select @c, * from unnest(@pipelines, @ids, @names, @sorts, @outcomes)
        on conflict (connection_id, pipeline_id, crm_id) do update set name = excluded.name, sort = excluded.sort, outcome = excluded.outcome
        where (s.name, s.sort, s.outcome) is distinct from (excluded.name, excluded.sort, excluded.outcome)
        """;

    private const string SelectStages = "select pipeline_id, crm_id from kpisync.stages where connection_id = @c";
    private const string SelectUserNames = "select crm_id, name from kpisync.crm_users where connection_id = @c";

    /// <summary>Stores the account's whole user list: users missing from it are marked inactive.</summary>
    public async Task<int> UpsertUsersAsync(int c, IReadOnlyList<CrmUserRow> users, CancellationToken ct)
    {
        if (users.Count == 0)
        {
            return 0; // an account always has a user (the one who connected it): an empty list is no list
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var ids = users.Select(u => u.CrmId).ToArray();
        var n = await conn.ExecuteAsync(new CommandDefinition(UpsertUsers, new
        {
            c,
            ids,
            names = users.Select(u => u.Name).ToArray(),
            emails = users.Select(u => u.Email).ToArray(),
            active = users.Select(u => u.IsActive).ToArray(),
        }, tx, cancellationToken: ct));
        n += await conn.ExecuteAsync(new CommandDefinition(DeactivateUnlisted, new { c, ids }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return n;
    }

    public async Task<int> UpsertPipelinesAsync(int c, IReadOnlyList<PipelineRow> pipelines, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var n = await conn.ExecuteAsync(new CommandDefinition(UpsertPipelines, new
        {
            c,
            ids = pipelines.Select(p => p.CrmId).ToArray(),
            names = pipelines.Select(p => p.Name).ToArray(),
            sorts = pipelines.Select(p => p.Sort).ToArray(),
            main = pipelines.Select(p => p.IsMain).ToArray(),
            archive = pipelines.Select(p => p.IsArchive).ToArray(),
        }, tx, cancellationToken: ct));
        var stages = pipelines.SelectMany(p => p.Stages.Select(s => (Pipeline: p.CrmId, Stage: s))).ToList();
        n += await conn.ExecuteAsync(new CommandDefinition(UpsertStages, new
        {
            c,
            pipelines = stages.Select(s => s.Pipeline).ToArray(),
            ids = stages.Select(s => s.Stage.CrmId).ToArray(),
            names = stages.Select(s => s.Stage.Name).ToArray(),
            sorts = stages.Select(s => s.Stage.Sort).ToArray(),
            outcomes = stages.Select(s => s.Stage.Outcome).ToArray(),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return n;
    }

    public async Task<HashSet<(long Pipeline, long Stage)>> GetStagesAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long, long)>(new CommandDefinition(SelectStages, new { c }, cancellationToken: ct));
        return rows.ToHashSet();
    }

    public async Task<IReadOnlyDictionary<long, string>> GetUserNamesAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, string Name)>(new CommandDefinition(SelectUserNames, new { c }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.Name);
    }
}

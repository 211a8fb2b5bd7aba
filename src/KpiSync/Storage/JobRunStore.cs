using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>job_runs</c> table: one row per Quartz job execution, with the node that ran it and the outcome.</summary>
internal sealed class JobRunStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Insert = """
        insert into kpisync.job_runs (job_group, job_name, trigger_name, fire_instance_id, node, recovering, started_at, status)
        values (@Group, @Name, @Trigger, @FireInstanceId, @Node, @Recovering, @at, 'running')
        returning id
        """;

    private const string Finish = """
        update kpisync.job_runs set finished_at = @at, status = @status, error = @error
        where fire_instance_id = @fireInstanceId and node = @node and status = 'running'
        """;

    // A job that never runs twice at once and starts again: any row of it still 'running' was left by a node that died
    // (Quartz recovers or drops such fires), so it only needs closing.
    private const string CloseInterrupted = """
        update kpisync.job_runs set finished_at = @at, status = 'failed', error = 'interrupted: the node stopped before the job finished'
        where job_group = @Group and job_name = @Name and status = 'running'
        """;

    private const string SelectLast = """
        select distinct on (job_group, job_name) id, job_group, job_name, trigger_name, fire_instance_id, node, recovering, started_at, finished_at, status, error
        from kpisync.job_runs order by job_group, job_name, started_at desc
        """;

    public async Task StartAsync(JobRunStart start, bool nonConcurrent, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (nonConcurrent)
        {
            await conn.ExecuteAsync(new CommandDefinition(CloseInterrupted, new { start.Group, start.Name, at = time.GetUtcNow() }, cancellationToken: ct));
        }

        await conn.ExecuteAsync(new CommandDefinition(Insert, new { start.Group, start.Name, start.Trigger, start.FireInstanceId, start.Node, start.Recovering, at = time.GetUtcNow() },
            cancellationToken: ct));
    }

    /// <summary>Records the outcome on a fresh token, so a cancelled job still gets its row closed.</summary>
    public async Task FinishAsync(string fireInstanceId, string node, string status, string? error)
    {
        await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await conn.ExecuteAsync(new CommandDefinition(Finish, new { fireInstanceId, node, status, error, at = time.GetUtcNow() }));
    }

    /// <summary>Each job's latest execution, keyed by (group, name).</summary>
    public async Task<IReadOnlyDictionary<(string Group, string Name), JobRunRow>> GetLastAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<JobRunRow>(new CommandDefinition(SelectLast, cancellationToken: ct));
        return rows.ToDictionary(r => (r.JobGroup, r.JobName));
    }
}

public sealed record JobRunStart(string Group, string Name, string? Trigger, string FireInstanceId, string Node, bool Recovering);

public sealed record JobRunRow(long Id, string JobGroup, string JobName, string? TriggerName, string FireInstanceId, string Node, bool Recovering,
    DateTime StartedAt, DateTime? FinishedAt, string Status, string? Error);

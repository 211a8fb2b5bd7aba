using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>job_runs</c> table: one row per execution of a Hangfire job, with the node that ran it and the outcome
/// (skipped, cancelled and requeued included, which Hangfire's own history shows only in passing).</summary>
internal sealed class JobRunStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    // A row of the same job still 'running' was left by a node that died mid-run (Hangfire hands the job to another
    // node once its invisibility timeout passes): it is closed here, and this execution is marked a recovery.
    private const string CloseInterrupted = """
        update kpisync.job_runs set finished_at = @at, status = 'failed', error = 'interrupted: the node stopped before the job finished'
        where job_id = @JobId and status = 'running'
        """;

    private const string Insert = """
        insert into kpisync.job_runs (queue, job, kind, job_id, connection_id, node, recovering, started_at, status)
        values (@Queue, @Job, @Kind, @JobId, @ConnectionId, @Node, @recovering, @at, 'running')
        returning id
        """;

    private const string Finish = """
        update kpisync.job_runs set finished_at = @at, status = @status, error = @error
        where id = @id and status = 'running'
        """;

    private const string SelectByJob = """
        select id, queue, job, kind, job_id, connection_id, node, recovering, started_at, finished_at, status, error
        from kpisync.job_runs where job_id = @jobId order by started_at
        """;

    private const string SelectRecent = """
        select id, queue, job, kind, job_id, connection_id, node, recovering, started_at, finished_at, status, error
        from kpisync.job_runs where connection_id = @connectionId or @connectionId is null order by started_at desc limit @limit
        """;

    /// <summary>Records the start of an execution; returns its row id.</summary>
    public async Task<long> StartAsync(JobRunStart start, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var at = time.GetUtcNow();
        var recovering = await conn.ExecuteAsync(new CommandDefinition(CloseInterrupted, new { start.JobId, at }, cancellationToken: ct)) > 0;
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(Insert,
            new { start.Queue, start.Job, start.Kind, start.JobId, start.ConnectionId, start.Node, recovering, at }, cancellationToken: ct));
    }

    /// <summary>Records the outcome on a fresh token, so a cancelled job still gets its row closed.</summary>
    public async Task FinishAsync(long id, string status, string? error)
    {
        await using var conn = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await conn.ExecuteAsync(new CommandDefinition(Finish, new { id, status, error, at = time.GetUtcNow() }));
    }

    /// <summary>Every execution of one Hangfire job (more than one when it was retried, requeued or recovered).</summary>
    public async Task<IReadOnlyList<JobRunRow>> ListByJobAsync(string jobId, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<JobRunRow>(new CommandDefinition(SelectByJob, new { jobId }, cancellationToken: ct))).ToList();
    }

    /// <summary>The latest executions, of one connection or of all.</summary>
    public async Task<IReadOnlyList<JobRunRow>> ListRecentAsync(int? connectionId, int limit, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<JobRunRow>(new CommandDefinition(SelectRecent, new { connectionId, limit }, cancellationToken: ct))).ToList();
    }
}

public sealed record JobRunStart(string Queue, string Job, string Kind, string JobId, int? ConnectionId, string Node);

public sealed record JobRunRow(long Id, string Queue, string Job, string? Kind, string JobId, int? ConnectionId, string Node, bool Recovering,
    DateTime StartedAt, DateTime? FinishedAt, string Status, string? Error);

using Dapper;
using KpiSync.Kpis.Periods;
using KpiSync.Kpis.Schemes;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// <c>kpi_schemes</c> and <c>employee_schemes</c>. A scheme's first version is in force for every period; each later
/// version, and each re-assignment of an employee, takes effect from the start of the next period (or a later one),
/// never inside the running one (KPI.md "Rules of the game"). Every version is kept, with its author and time.
/// </summary>
internal sealed class SchemeStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string Always = "0001-01";

    private const string SelectVersions = """
        select name, version, effective_from, author, created_at, body::text as body from kpisync.kpi_schemes
        where connection_id = @c order by name, version
        """;

    private const string SelectAssignments = """
        select employee_id, effective_from, scheme_name, author, assigned_at from kpisync.employee_schemes
        where connection_id = @c order by employee_id, effective_from
        """;

    private const string InsertVersion = """
        insert into kpisync.kpi_schemes (connection_id, name, version, effective_from, body, author, created_at)
        select @c, @name, coalesce(max(version), 0) + 1, case when max(version) is null then @always else @from end, @body::jsonb, @author, @at
        from kpisync.kpi_schemes where connection_id = @c and name = @name
        returning version, effective_from
        """;

    private const string UpsertAssignment = """
        insert into kpisync.employee_schemes (connection_id, employee_id, effective_from, scheme_name, author, assigned_at)
        select @c, @employee, case when exists (select 1 from kpisync.employee_schemes where connection_id = @c and employee_id = @employee)
                                   then @from else @always end, @scheme, @author, @at
        on conflict (connection_id, employee_id, effective_from) do update set scheme_name = excluded.scheme_name, author = excluded.author, assigned_at = excluded.assigned_at
        returning effective_from
        """;

    /// <summary>Stores a new version of the scheme; returns its version and the period it takes effect from.</summary>
    public async Task<(int Version, string EffectiveFrom)> AddVersionAsync(int c, KpiScheme scheme, TimeZoneInfo zone, string author, MonthPeriod? from, CancellationToken ct)
    {
        var next = NextPeriod(zone);
        if (from is { } f && string.CompareOrdinal(f.ToString(), next) < 0)
        {
            throw new StorageException($"A scheme change takes effect from the next period at the earliest ({next}), not {f}.");
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtext('kpisync.schemes'), @c)", new { c }, tx, cancellationToken: ct));
        var at = time.GetUtcNow();
        var row = await conn.QuerySingleAsync<(int Version, string EffectiveFrom)>(new CommandDefinition(InsertVersion, new
        {
            c, name = scheme.Name, always = Always, from = from?.ToString() ?? next, body = SchemeJson.Write(scheme), author, at,
        }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, at, author, "scheme.version", c,
            new() { ["scheme"] = scheme.Name, ["version"] = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["effective_from"] = row.EffectiveFrom }, ct);
        await AuditLog.ForceFullRecomputeAsync(conn, tx, c, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Assigns a scheme; an employee's first assignment applies to every period, later ones from the next period.</summary>
    public async Task<string> AssignAsync(int c, long employee, string scheme, TimeZoneInfo zone, string author, MonthPeriod? from, CancellationToken ct)
    {
        var next = NextPeriod(zone);
        if (from is { } f && string.CompareOrdinal(f.ToString(), next) < 0)
        {
            throw new StorageException($"A re-assignment takes effect from the next period at the earliest ({next}), not {f}.");
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from kpisync.kpi_schemes where connection_id = @c and name = @scheme)", new { c, scheme }, tx, cancellationToken: ct));
        if (!exists)
        {
            throw new StorageException($"There is no scheme '{scheme}'. Import it first: kpisync schemes import --connection … --file scheme.json");
        }

        var at = time.GetUtcNow();
        var effective = await conn.ExecuteScalarAsync<string>(new CommandDefinition(UpsertAssignment, new
        {
            c, employee, from = from?.ToString() ?? next, always = Always, scheme, author, at,
        }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, at, author, "employee.assign", c,
            new() { ["employee"] = employee.ToString(System.Globalization.CultureInfo.InvariantCulture), ["scheme"] = scheme, ["effective_from"] = effective }, ct);
        await AuditLog.ForceFullRecomputeAsync(conn, tx, c, ct);
        await tx.CommitAsync(ct);
        return effective!;
    }

    public async Task<IReadOnlyList<SchemeVersionRow>> ListAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SchemeVersionRow>(new CommandDefinition(SelectVersions, new { c }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<AssignmentRow>> ListAssignmentsAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<AssignmentRow>(new CommandDefinition(SelectAssignments, new { c }, cancellationToken: ct))).ToList();
    }

    /// <summary>The scheme history and plans of the connection, to ask who follows what in a period (the dashboard).</summary>
    public async Task<SchemeBook> BookAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await LoadBookAsync(conn, null, c, ct);
    }

    public static async Task<SchemeBook> LoadBookAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int c, CancellationToken ct)
    {
        var versions = await conn.QueryAsync<SchemeVersionRow>(new CommandDefinition(SelectVersions, new { c }, tx, cancellationToken: ct));
        var assignments = await conn.QueryAsync<AssignmentRow>(new CommandDefinition(SelectAssignments, new { c }, tx, cancellationToken: ct));
        var plans = await PlanStore.LoadAsync(conn, tx, c, ct);
        return new SchemeBook(versions.ToList(), assignments.ToList(), plans);
    }

    private string NextPeriod(TimeZoneInfo zone) => MonthPeriod.Containing(time.GetUtcNow(), zone).Next().ToString();
}

internal sealed record SchemeVersionRow(string Name, int Version, string EffectiveFrom, string Author, DateTimeOffset CreatedAt, string Body);

internal sealed record AssignmentRow(long EmployeeId, string EffectiveFrom, string SchemeName, string Author, DateTimeOffset AssignedAt);

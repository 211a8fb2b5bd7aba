using System.Text.Json;
using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>pushback_state</c> table: which catalog element holds each employee's values, and what was last sent.</summary>
internal sealed class PushbackStateStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Select = "select employee_id, element_id, field_values from kpisync.pushback_state where connection_id = @c";

    private const string Upsert = """
        insert into kpisync.pushback_state (connection_id, employee_id, element_id, field_values, pushed_at)
        select @c, * , @at from unnest(@employees, @elements, @values::jsonb[])
        on conflict (connection_id, employee_id) do update set element_id = excluded.element_id, field_values = excluded.field_values, pushed_at = excluded.pushed_at
        """;

    public async Task<IReadOnlyDictionary<long, PushbackState>> GetAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long EmployeeId, long ElementId, string FieldValues)>(new CommandDefinition(Select, new { c }, cancellationToken: ct));
        return rows.ToDictionary(r => r.EmployeeId, r => new PushbackState(r.ElementId,
            JsonSerializer.Deserialize(r.FieldValues, StorageJsonContext.Default.DictionaryStringString) ?? []));
    }

    public async Task SaveAsync(int c, IReadOnlyList<(long EmployeeId, PushbackState State)> states, CancellationToken ct)
    {
        if (states.Count == 0)
        {
            return;
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Upsert, new
        {
            c,
            at = time.GetUtcNow(),
            employees = states.Select(s => s.EmployeeId).ToArray(),
            elements = states.Select(s => s.State.ElementId).ToArray(),
            values = states.Select(s => JsonSerializer.Serialize(s.State.FieldValues, StorageJsonContext.Default.DictionaryStringString)).ToArray(),
        }, cancellationToken: ct));
    }
}

/// <summary>The element holding an employee's values and the values (by field name) it was last sent.</summary>
public sealed record PushbackState(long ElementId, Dictionary<string, string?> FieldValues);

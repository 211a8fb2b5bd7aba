using System.Globalization;
using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>Finds a CRM user by id, e-mail or exact name (case-insensitive), so admins can name people as they know them.</summary>
internal sealed class EmployeeDirectory(NpgsqlDataSource dataSource)
{
    public async Task<Func<string, long?>> LoadAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var users = (await conn.QueryAsync<(long Id, string Name, string? Email)>(new CommandDefinition(
            "select crm_id, name, email from kpisync.crm_users where connection_id = @c", new { c }, cancellationToken: ct))).ToList();
        var ids = users.Select(u => u.Id).ToHashSet();
        var byName = users.GroupBy(u => u.Name.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.OrdinalIgnoreCase);
        var byEmail = users.Where(u => !string.IsNullOrWhiteSpace(u.Email)).GroupBy(u => u.Email!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.OrdinalIgnoreCase);
        return text =>
        {
            var t = text.Trim();
            return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ids.Contains(id) ? id
                : byEmail.TryGetValue(t, out id) ? id
                : byName.TryGetValue(t, out id) ? id
                : null;
        };
    }

    /// <summary>Every CRM user of the connection, by name (pickers on the dashboard).</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> ListAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "select crm_id, name from kpisync.crm_users where connection_id = @c order by name, crm_id", new { c }, cancellationToken: ct))).ToList();
    }

    public async Task<long> ResolveAsync(int c, string text, CancellationToken ct) =>
        (await LoadAsync(c, ct))(text) ?? throw new StorageException($"No single employee '{text}' in this connection: use the CRM user id, the e-mail or the exact name (see `kpisync kpi`).");
}

using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary>An employee named on the command line (CRM id, e-mail or exact name); an unknown one is bad input, and the
/// error names the closest CRM users.</summary>
internal static class CliEmployees
{
    public static async Task<long> ResolveAsync(IServiceProvider services, Crm.CrmConnection connection, string text, CancellationToken ct)
    {
        var directory = services.GetRequiredService<EmployeeDirectory>();
        if ((await directory.LoadAsync(connection.Id, ct))(text) is { } id)
        {
            return id;
        }

        var users = await directory.ListAsync(connection.Id, ct);
        if (users.Count == 0)
        {
            throw new CliUsageException($"unknown employee '{text}': '{connection.Name}' has no CRM users yet; run 'kpisync sync' first");
        }

        var close = CliSuggestions.Closest(text, users.Select(u => u.Name));
        throw new CliUsageException(close.Count > 0
            ? $"unknown employee '{text}' in '{connection.Name}'; did you mean " +
                string.Join(" or ", close.Select(n => $"'{n}' (id {string.Join("/", users.Where(u => u.Name == n).Select(u => u.Id))})")) + "?"
            : $"unknown employee '{text}' in '{connection.Name}'; use the CRM user id, the e-mail or the exact name of one of its {users.Count} users, e.g. '{users[0].Name}' or {users[0].Id}");
    }
}

using Dapper;

namespace KpiSync.Storage;

/// <summary>The account's currency (amoCRM account <c>currency</c>), kept in the connection's settings at each sync so
/// the dashboard can show money with it without calling the CRM.</summary>
internal sealed partial class ConnectionStore
{
    private const string UpdateCurrency = """
        update kpisync.connections set settings = jsonb_set(settings, '{currency}', to_jsonb(@currency::text))
        where id = @id and settings ->> 'currency' is distinct from @currency
        """;

    private const string SelectCurrency = "select settings ->> 'currency' from kpisync.connections where id = @id";

    public async Task SetCurrencyAsync(int id, string currency, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(UpdateCurrency, new { id, currency }, cancellationToken: ct));
    }

    public async Task<string?> GetCurrencyAsync(int id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(SelectCurrency, new { id }, cancellationToken: ct));
    }
}

namespace KpiSync.Admin.Kpis;

/// <summary>How the account's currency (amoCRM account <c>currency</c>, an ISO code such as RUB) reads beside money.</summary>
internal static class Currency
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RUB"] = "₽", ["USD"] = "$", ["EUR"] = "€", ["KZT"] = "₸", ["UAH"] = "₴", ["BYN"] = "Br", ["GBP"] = "£", ["UZS"] = "soʻm",
    };

    /// <summary>The symbol for a known code, else the code itself; null when the account's currency is not known.</summary>
    public static string? Symbol(string? code) => string.IsNullOrWhiteSpace(code) ? null : Symbols.GetValueOrDefault(code, code.ToUpperInvariant());
}

using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Json;
using static KpiSync.Kpis.Json.JsonFieldReader;

namespace KpiSync.Kpis.Schemes;

/// <summary>
/// Reads and writes a <see cref="KpiScheme"/> as the JSON a director edits (example-scheme.json beside this file):
/// <code>
/// {
///   "name": "Sales manager",            // required
///   "fixed": 560,                       // required, ≥ 0, at most 2 decimals
///   "indicators": [                     // optional; weights in [0, 1] adding up to 1 (±0.0001); keys unique
///     { "key": "calls", "weight": 0.5, "direction": "higher_is_better",   // or "lower_is_better"
///       "cap": 1.5,                                                       // optional, &gt; 0
///       "reward": { "amount": 2000, "min_ratio": 1, "per_unit": false } } // optional, for indicator_bonuses
///   ],
///   "components": [                     // optional; any number, of any kind, in pay-line order
///     { "kind": "linear_bonus", "variable": 240, "threshold": 0.7 },
///     { "kind": "band_table", "variable": 240,
///       "bands": [ { "from": 0, "to": 0.7, "coefficient": 0 }, { "from": 0.7, "coefficient": 0.6 } ] }, // optional, default KPI.md's
///     { "kind": "actions_reward", "amount": 15000, "targets": { "calls": 100 }, "pro_rata": false },
///     { "kind": "sales_bonus", "indicator": "revenue", "critical": 15000, "rate": 0.2 },          // indicator optional
///     { "kind": "hourly_pay", "hours_indicator": "active_hours", "rate": 300,
///       "plan_indicator": "revenue", "plan_bonus": 10000, "over_share": 0.05 },
///     { "kind": "per_unit_penalty", "indicator": "idle_hours", "amount": 100 },
///     { "kind": "indicator_bonuses" }
///   ]
/// }
/// </code>
/// Comments are allowed; unknown and duplicate properties are errors, so a typo never silently becomes a
/// default. Thresholds, <c>min_ratio</c> and band edges lie in [0, 10]; amounts are ≥ 0; a rate is a fraction
/// in [0, 1]. Bands are contiguous and increasing; only the last may omit <c>to</c> (open-ended).
/// An indicator of weight 0 is outside the index (it needs no plan) and is there for its reward.
/// An indicator key is lower-case <c>[a-z][a-z0-9_]*</c>, optionally followed by <c>:parameter</c>.
/// </summary>
public static partial class SchemeJson
{
    private const decimal WeightTolerance = 0.0001m;

    /// <summary>Parses a scheme being imported: every indicator it names must exist (<see cref="IndicatorCatalog"/>).</summary>
    public static SchemeParseResult Parse(string json) => Parse(json, knownIndicatorsOnly: true);

    /// <summary>
    /// Parses a stored scheme. A scheme stored before unknown indicators were refused still loads (its unknown
    /// indicator counts as "no fact", as it did), so a recompute or the page that shows it does not fail on it.
    /// </summary>
    public static SchemeParseResult ParseStored(string json) => Parse(json, knownIndicatorsOnly: false);

    private static SchemeParseResult Parse(string json, bool knownIndicatorsOnly)
    {
        ArgumentNullException.ThrowIfNull(json);
        var r = new JsonFieldReader();
        using var document = r.Open(json);
        KpiScheme? scheme = null;
        if (document is not null && r.Object(document.RootElement, "$", "name", "fixed", "indicators", "components"))
        {
            var root = document.RootElement;
            var name = r.String(root, "$", "name", required: true);
            r.Check(name is null || !string.IsNullOrWhiteSpace(name), "$.name", "must not be empty");
            var fix = r.Number(root, "$", "fixed", required: true);
            Money(r, fix, "$.fixed");
            r.Check(fix is null || fix == Math.Round(fix.Value, 2), "$.fixed", "at most 2 decimal places");
            var indicators = ParseIndicators(r, root);
            var components = ParseComponents(r, root, indicators);
            scheme = new KpiScheme(name ?? "", indicators, fix ?? 0m, components);
        }

        var errors = r.Errors.Where(e => knownIndicatorsOnly || !e.Message.StartsWith(IndicatorCatalog.UnknownPrefix, StringComparison.Ordinal)).ToList();
        return errors.Count > 0
            ? new SchemeParseResult(null, [.. errors.Select(e => new SchemeError(e.Path, e.Message))])
            : new SchemeParseResult(scheme, []);
    }

    /// <summary>An indicator key: <c>calls</c>, <c>idle_hours</c>, <c>funnel_conversion:142</c>.</summary>
    public static bool IsIndicatorKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || !char.IsAsciiLetterLower(key[0]))
        {
            return false;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? key : key[..colon];
        var parameter = colon < 0 ? "x" : key[(colon + 1)..];
        return name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            && parameter.Length > 0 && parameter.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
    }

    private static string? Key(JsonFieldReader r, string? key, string path)
    {
        if (key is not null && !IsIndicatorKey(key))
        {
            r.Error(path, $"'{key}' is not an indicator key (lower-case letters, digits and _, optionally :parameter)");
            return null;
        }

        if (key is not null && IndicatorCatalog.Check(key) is { } unknown)
        {
            r.Error(path, unknown);
        }

        return key;
    }

    private static void Money(JsonFieldReader r, decimal? amount, string path) =>
        r.Check(amount is null || amount >= 0m, path, "must not be negative");

    private static void Between(JsonFieldReader r, decimal? value, string path, decimal min, decimal max) =>
        r.Check(value is null || (value >= min && value <= max), path, Invariant($"must be between {min} and {max}"));
}

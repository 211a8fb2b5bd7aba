using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Schemes;

namespace KpiSync.Tests.Kpis.Schemes;

public sealed class SchemeJsonTests
{
    private const string Valid = """
        {
          "name": "Sales manager",
          "fixed": 560,
          "indicators": [
            { "key": "calls", "weight": 0.5, "direction": "higher_is_better", "cap": 1.5,
              "reward": { "amount": 2000, "min_ratio": 1 } },
            { "key": "funnel_conversion:142", "weight": 0.25, "direction": "higher_is_better" },
            { "key": "idle_hours", "weight": 0.25, "direction": "lower_is_better" }
          ],
          "components": [
            { "kind": "linear_bonus", "variable": 240, "threshold": 0.7 },
            { "kind": "band_table", "variable": 240 },
            { "kind": "band_table", "variable": 100, "bands": [ { "from": 0.5, "to": 1, "coefficient": 0.5 }, { "from": 1, "coefficient": 1 } ] },
            { "kind": "actions_reward", "amount": 15000, "targets": { "calls": 100, "funnel_conversion:142": 60 }, "pro_rata": true },
            { "kind": "sales_bonus", "critical": 15000, "rate": 0.2 },
            { "kind": "hourly_pay", "hours_indicator": "active_hours", "rate": 300, "plan_indicator": "revenue", "plan_bonus": 10000, "over_share": 0.05 },
            { "kind": "per_unit_penalty", "indicator": "idle_hours", "amount": 100 },
            { "kind": "indicator_bonuses" }
          ]
        }
        """;

    [Fact]
    public void Parse_EveryKind_ReadsTheScheme()
    {
        var result = SchemeJson.Parse(Valid);

        Assert.Empty(result.Errors);
        var scheme = Assert.IsType<KpiScheme>(result.Scheme);
        Assert.Equal("Sales manager", scheme.Name);
        Assert.Equal(560m, scheme.Fixed);
        Assert.Equal(["calls", "funnel_conversion:142", "idle_hours"], scheme.Indicators.Select(i => i.Key));
        Assert.Equal(new IndicatorReward(2000m, 1m), scheme.Indicators[0].Reward);
        Assert.Equal(Direction.LowerIsBetter, scheme.Indicators[2].Direction);
        Assert.Equal(ComponentKinds.All, scheme.Components.Select(c => c.Kind).Distinct());
        Assert.Same(BandTable.DefaultBands, ((BandTable)scheme.Components[1]).Bands);
        Assert.Equal([new Band(0.5m, 1m, 0.5m), new Band(1m, null, 1m)], ((BandTable)scheme.Components[2]).Bands);
        Assert.Equal(new SalesBonus(15000m, 0.2m, "revenue"), scheme.Components[4]);
        Assert.Equal(60m, ((ActionsReward)scheme.Components[3]).Targets["funnel_conversion:142"]);
    }

    [Fact]
    public void Parse_ExampleFile_IsValid()
    {
        var result = SchemeJson.Parse(File.ReadAllText(ExampleFile()));

        Assert.Empty(result.Errors);
        Assert.Equal("Sales manager", result.Scheme!.Name);
    }

    [Fact]
    public void WriteThenParse_RoundTrips()
    {
        var scheme = SchemeJson.Parse(Valid).Scheme!;

        var written = SchemeJson.Write(scheme);
        var again = SchemeJson.Parse(written);

        Assert.Empty(again.Errors);
        Assert.Equal(written, SchemeJson.Write(again.Scheme!));
        Assert.Equal(scheme.Indicators, again.Scheme!.Indicators);
        Assert.Equal(scheme.Components.Select(c => c.Kind), again.Scheme.Components.Select(c => c.Kind));
        Assert.Equal(BandTable.DefaultBands, ((BandTable)again.Scheme.Components[1]).Bands);
        Assert.Contains("\"direction\": \"lower_is_better\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CyrillicName_StaysReadable()
    {
        var written = SchemeJson.Write(new KpiScheme("Менеджер", [], 1000.50m, []));

        Assert.Contains("\"name\": \"Менеджер\"", written, StringComparison.Ordinal);
        Assert.Equal(1000.50m, SchemeJson.Parse(written).Scheme!.Fixed);
    }

    [Fact]
    public void Parse_MalformedJson_ErrorAtRootWithLineAndPosition()
    {
        var error = Assert.Single(SchemeJson.Parse("{\n  \"name\": \"x\",\n  \"fixed\": ,\n}").Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 3, position 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WeightsNotAddingUpToOne_ErrorAtIndicators()
    {
        var errors = Errors("""{ "name": "x", "fixed": 0, "indicators": [ { "key": "calls", "weight": 0.5, "direction": "higher_is_better" }, { "key": "meetings", "weight": 0.4, "direction": "higher_is_better" } ] }""");

        Assert.Equal(["$.indicators: weights add up to 0.9, they must add up to 1"], errors);
    }

    [Fact]
    public void Parse_WeightsWithinTolerance_AreAccepted()
    {
        var result = SchemeJson.Parse("""{ "name": "x", "fixed": 0, "indicators": [ { "key": "calls", "weight": 0.33333, "direction": "higher_is_better" }, { "key": "meetings", "weight": 0.33333, "direction": "higher_is_better" }, { "key": "deals_won", "weight": 0.33333, "direction": "higher_is_better" } ] }""");

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_EveryIndicatorMistake_IsReportedWithItsPath()
    {
        var errors = Errors("""
            { "name": "x", "fixed": -1, "indicators": [
              { "key": "calls", "weight": 0.5, "direction": "higher_is_better", "cap": 0 },
              { "key": "calls", "weight": 1.5, "direction": "sideways", "wieght": 1 },
              { "key": "Calls!", "weight": "0.5", "direction": "lower_is_better", "reward": { "amount": -5, "min_ratio": 11 } }
            ] }
            """);

        Assert.Equal(
        [
            "$.fixed: must not be negative",
            "$.indicators[0].cap: must be greater than 0",
            "$.indicators[1].wieght: unknown property 'wieght'; expected one of: key, weight, direction, cap, reward",
            "$.indicators[1].key: duplicate indicator 'calls' (first at $.indicators[0])",
            "$.indicators[1].weight: must be between 0 and 1",
            "$.indicators[1].direction: unknown direction 'sideways'; expected higher_is_better or lower_is_better",
            "$.indicators[2].key: 'Calls!' is not an indicator key (lower-case letters, digits and _, optionally :parameter)",
            "$.indicators[2].weight: expected a number, found \"0.5\"",
            "$.indicators[2].reward.amount: must not be negative",
            "$.indicators[2].reward.min_ratio: must be between 0 and 10",
        ], errors);
    }

    [Fact]
    public void Parse_MissingRequiredFields_EachReported()
    {
        var errors = Errors("""{ "indicators": [ { "key": "calls" } ] }""");

        Assert.Equal(["$.name: required", "$.fixed: required", "$.indicators[0].weight: required", "$.indicators[0].direction: required"], errors);
    }

    [Fact]
    public void Parse_UnknownTopLevelPropertyAndDuplicate_AreErrors()
    {
        var errors = Errors("""{ "name": "x", "fixed": 1, "fixed": 2, "bonus": 5 }""");

        Assert.Equal(["$.fixed: duplicate property", "$.bonus: unknown property 'bonus'; expected one of: name, fixed, indicators, components"], errors);
    }

    [Fact]
    public void Parse_ComponentMistakes_AreReportedWithTheirPaths()
    {
        var errors = Errors("""
            { "name": "x", "fixed": 0, "indicators": [ { "key": "calls", "weight": 1, "direction": "higher_is_better" } ], "components": [
              { "kind": "lottery" },
              { "kind": "linear_bonus", "variable": -240, "threshold": 12 },
              { "kind": "linear_bonus", "variable": 240, "threshold": -0.1 },
              { "kind": "sales_bonus", "critical": 15000, "rate": 20, "indicator": "revenue" },
              { "kind": "actions_reward", "amount": 100, "targets": { "calls": 0 }, "prorata": true },
              { "kind": "per_unit_penalty", "indicator": "idle_hours", "amount": -100 },
              { "kind": "hourly_pay", "hours_indicator": "active_hours", "rate": 1, "plan_indicator": "revenue", "plan_bonus": -1, "over_share": 0 },
              { "kind": "indicator_bonuses" },
              42
            ] }
            """);

        Assert.Equal(
        [
            "$.components[0].kind: unknown kind 'lottery'; expected one of: linear_bonus, band_table, actions_reward, sales_bonus, hourly_pay, per_unit_penalty, indicator_bonuses",
            "$.components[1].variable: must not be negative",
            "$.components[1].threshold: must be between 0 and 10",
            "$.components[2].threshold: must be between 0 and 10",
            "$.components[3].rate: must be between 0 and 1",
            "$.components[4].prorata: unknown property 'prorata'; expected one of: kind, amount, targets, pro_rata",
            "$.components[4].targets.calls: must be greater than 0",
            "$.components[5].amount: must not be negative",
            "$.components[6].plan_bonus: must not be negative",
            "$.components[7].kind: no indicator has a reward to sum",
            "$.components[8]: expected an object, found 42",
        ], errors);
    }

    [Fact]
    public void Parse_IndexComponentWithoutIndicators_IsAnError()
    {
        var errors = Errors("""{ "name": "x", "fixed": 0, "components": [ { "kind": "band_table", "variable": 1 } ] }""");

        Assert.Equal(["$.components[0].kind: band_table pays on the KPI index, but the scheme has no indicators"], errors);
    }

    [Fact]
    public void Parse_BandsOverlappingGappedOrNotIncreasing_AreErrors()
    {
        var errors = Errors("""
            { "name": "x", "fixed": 0, "indicators": [ { "key": "calls", "weight": 1, "direction": "higher_is_better" } ], "components": [
              { "kind": "band_table", "variable": 1, "bands": [
                { "from": 0, "to": 0.8, "coefficient": 0 },
                { "from": 0.7, "to": 0.9, "coefficient": 0.6 },
                { "from": 0.95, "to": 1, "coefficient": 0.8 },
                { "from": 1, "to": 1, "coefficient": 1 },
                { "from": 1, "coefficient": -1 },
                { "from": 2, "coefficient": 2 }
              ] }
            ] }
            """);

        Assert.Equal(
        [
            "$.components[0].bands[1].from: overlaps the previous band, which ends at 0.8; bands must be increasing",
            "$.components[0].bands[2].from: leaves a gap after the previous band, which ends at 0.9",
            "$.components[0].bands[3].to: must be greater than from (1)",
            "$.components[0].bands[4].coefficient: must not be negative",
            "$.components[0].bands[4].to: required: only the last band may be open-ended",
        ], errors);
    }

    [Fact]
    public void Parse_ActionTargetWithParameter_PathUsesBrackets()
    {
        var errors = Errors("""{ "name": "x", "fixed": 0, "components": [ { "kind": "actions_reward", "amount": 1, "targets": { "funnel_conversion:142": -1 } } ] }""");

        Assert.Equal(["$.components[0].targets['funnel_conversion:142']: must be greater than 0"], errors);
    }

    [Fact]
    public void Parse_MisspeltIndicatorsAnywhere_EachAnErrorAtItsPathWithTheCloseMatch()
    {
        var errors = Errors("""
            { "name": "x", "fixed": 0,
              "indicators": [
                { "key": "calls", "weight": 0.5, "direction": "higher_is_better" },
                { "key": "meetings", "weight": 0.25, "direction": "higher_is_better" },
                { "key": "convertion", "weight": 0.25, "direction": "higher_is_better" }
              ],
              "components": [
                { "kind": "actions_reward", "amount": 100, "targets": { "callz": 100 } },
                { "kind": "sales_bonus", "indicator": "revenu", "critical": 0, "rate": 0.1 },
                { "kind": "hourly_pay", "hours_indicator": "active_hour", "rate": 1, "plan_indicator": "calls:7", "plan_bonus": 0, "over_share": 0 },
                { "kind": "per_unit_penalty", "indicator": "idle", "amount": 100 }
              ] }
            """);

        var known = "Known: " + string.Join(", ", IndicatorCatalog.Listed);
        Assert.Equal(
        [
            $"$.indicators[2].key: unknown indicator 'convertion'; did you mean 'conversion'? {known}",
            $"$.components[0].targets.callz: unknown indicator 'callz'; did you mean 'calls'? {known}",
            $"$.components[1].indicator: unknown indicator 'revenu'; did you mean 'revenue'? {known}",
            $"$.components[2].hours_indicator: unknown indicator 'active_hour'; did you mean 'active_hours'? {known}",
            $"$.components[2].plan_indicator: unknown indicator 'calls:7': only funnel_conversion and attention take a ':parameter'; {known}",
            $"$.components[3].indicator: unknown indicator 'idle'; did you mean 'idle_hours'? {known}",
        ], errors);
        Assert.Contains("calls, calls_out,", known, StringComparison.Ordinal);
        Assert.Contains("funnel_conversion:{stage_id}", known, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseStored_UnknownIndicator_StillLoadsWhatWasStored()
    {
        const string stored = """{ "name": "x", "fixed": 0, "indicators": [ { "key": "convertion", "weight": 1, "direction": "higher_is_better" } ] }""";

        Assert.NotEmpty(SchemeJson.Parse(stored).Errors);
        Assert.Equal("convertion", Assert.Single(SchemeJson.ParseStored(stored).Scheme!.Indicators).Key);
    }

    [Fact]
    public void Parse_NotAnObject_SaysSo()
    {
        Assert.Equal(["$: expected an object, found array"], Errors("[]"));
    }

    private static string[] Errors(string json)
    {
        var result = SchemeJson.Parse(json);
        Assert.Null(result.Scheme);
        return [.. result.Errors.Select(e => e.ToString())];
    }

    private static string ExampleFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "KpiSync.Kpis", "Schemes", "example-scheme.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/KpiSync.Kpis/Schemes/example-scheme.json not found above " + AppContext.BaseDirectory);
    }
}

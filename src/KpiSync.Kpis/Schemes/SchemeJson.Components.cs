using System.Text.Json;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Json;
using static KpiSync.Kpis.Json.JsonFieldReader;

namespace KpiSync.Kpis.Schemes;

public static partial class SchemeJson
{
    private static List<PayComponent> ParseComponents(JsonFieldReader r, JsonElement root, List<SchemeIndicator> indicators)
    {
        var result = new List<PayComponent>();
        if (r.Array(root, "$", "components", required: false) is not { } array)
        {
            return result;
        }

        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            var path = Item("$.components", i++);
            if (e.ValueKind != JsonValueKind.Object)
            {
                r.Object(e, path);
                continue;
            }

            var kind = r.String(e, path, "kind", required: true);
            var component = kind switch
            {
                null => null,
                ComponentKinds.LinearBonus => ReadLinearBonus(r, e, path),
                ComponentKinds.BandTable => ReadBandTable(r, e, path),
                ComponentKinds.ActionsReward => ReadActionsReward(r, e, path),
                ComponentKinds.SalesBonus => ReadSalesBonus(r, e, path),
                ComponentKinds.HourlyPay => ReadHourlyPay(r, e, path),
                ComponentKinds.PerUnitPenalty => ReadPerUnitPenalty(r, e, path),
                ComponentKinds.IndicatorBonuses => ReadIndicatorBonuses(r, e, path, indicators),
                _ => UnknownKind(r, kind, path),
            };
            if (component is LinearBonus or BandTable && indicators.Count == 0)
            {
                r.Error(path + ".kind", $"{kind} pays on the KPI index, but the scheme has no indicators");
            }

            if (component is not null)
            {
                result.Add(component);
            }
        }

        return result;
    }

    private static PayComponent? UnknownKind(JsonFieldReader r, string kind, string path)
    {
        r.Error(path + ".kind", $"unknown kind '{kind}'; expected one of: {string.Join(", ", ComponentKinds.All)}");
        return null;
    }

    private static LinearBonus ReadLinearBonus(JsonFieldReader r, JsonElement e, string path)
    {
        r.Object(e, path, "kind", "variable", "threshold");
        var variable = r.Number(e, path, "variable", required: true);
        Money(r, variable, path + ".variable");
        var threshold = r.Number(e, path, "threshold", required: true);
        Between(r, threshold, path + ".threshold", 0m, 10m);
        return new LinearBonus(variable ?? 0m, threshold ?? 0m);
    }

    private static BandTable ReadBandTable(JsonFieldReader r, JsonElement e, string path)
    {
        r.Object(e, path, "kind", "variable", "bands");
        var variable = r.Number(e, path, "variable", required: true);
        Money(r, variable, path + ".variable");
        return new BandTable(variable ?? 0m, r.Array(e, path, "bands", required: false) is { } bands ? ReadBands(r, bands, path + ".bands") : null);
    }

    private static List<Band> ReadBands(JsonFieldReader r, JsonElement array, string path)
    {
        var result = new List<Band>();
        var count = array.GetArrayLength();
        r.Check(count > 0, path, "at least one band, or leave bands out for the default table");
        Band? previous = null;
        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            var bandPath = Item(path, i++);
            if (!r.Object(e, bandPath, "from", "to", "coefficient"))
            {
                previous = null;
                continue;
            }

            var from = r.Number(e, bandPath, "from", required: true);
            var to = r.Number(e, bandPath, "to", required: false);
            var coefficient = r.Number(e, bandPath, "coefficient", required: true);
            Between(r, from, bandPath + ".from", 0m, 10m);
            Between(r, to, bandPath + ".to", 0m, 10m);
            r.Check(coefficient is null || coefficient >= 0m, bandPath + ".coefficient", "must not be negative");
            r.Check(to is not null || i == count, bandPath + ".to", "required: only the last band may be open-ended");
            r.Check(from is null || to is null || to > from, bandPath + ".to", Invariant($"must be greater than from ({from})"));
            if (from is { } f && previous?.To is { } end)
            {
                r.Check(f <= end, bandPath + ".from", Invariant($"leaves a gap after the previous band, which ends at {end}"));
                r.Check(f >= end, bandPath + ".from", Invariant($"overlaps the previous band, which ends at {end}; bands must be increasing"));
            }

            previous = from is null || coefficient is null ? null : new Band(from.Value, to, coefficient.Value);
            if (previous is not null)
            {
                result.Add(previous);
            }
        }

        return result;
    }

    private static ActionsReward ReadActionsReward(JsonFieldReader r, JsonElement e, string path)
    {
        r.Object(e, path, "kind", "amount", "targets", "pro_rata");
        var amount = r.Number(e, path, "amount", required: true);
        Money(r, amount, path + ".amount");
        var targets = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (r.Property(e, path, "targets", required: true) is { } t && r.Object(t, path + ".targets", [.. t.EnumerateObject().Select(p => p.Name)]))
        {
            r.Check(t.EnumerateObject().Any(), path + ".targets", "at least one target");
            foreach (var p in t.EnumerateObject())
            {
                var key = Key(r, p.Name, Child(path + ".targets", p.Name));
                var target = r.Number(t, path + ".targets", p.Name, required: true);
                r.Check(target is null || target > 0m, Child(path + ".targets", p.Name), "must be greater than 0");
                if (key is not null && target is not null)
                {
                    targets[key] = target.Value;
                }
            }
        }

        return new ActionsReward(amount ?? 0m, targets, r.Bool(e, path, "pro_rata") ?? false);
    }

    private static SalesBonus ReadSalesBonus(JsonFieldReader r, JsonElement e, string path)
    {
        r.Object(e, path, "kind", "indicator", "critical", "rate");
        var indicator = Key(r, r.String(e, path, "indicator", required: false), path + ".indicator");
        var critical = r.Number(e, path, "critical", required: true);
        Money(r, critical, path + ".critical");
        var rate = r.Number(e, path, "rate", required: true);
        Between(r, rate, path + ".rate", 0m, 1m);
        return new SalesBonus(critical ?? 0m, rate ?? 0m, indicator ?? IndicatorKeys.Revenue);
    }

    private static HourlyPay ReadHourlyPay(JsonFieldReader r, JsonElement e, string path)
    {
        r.Object(e, path, "kind", "hours_indicator", "rate", "plan_indicator", "plan_bonus", "over_share");
        var hours = Key(r, r.String(e, path, "hours_indicator", required: true), path + ".hours_indicator");
        var rate = r.Number(e, path, "rate", required: true);
        Money(r, rate, path + ".rate");
        var planIndicator = Key(r, r.String(e, path, "plan_indicator", required: true), path + ".plan_indicator");
        var planBonus = r.Number(e, path, "plan_bonus", required: true);
        Money(r, planBonus, path + ".plan_bonus");
        var overShare = r.Number(e, path, "over_share", required: true);
        Money(r, overShare, path + ".over_share");
        return new HourlyPay(hours ?? "", rate ?? 0m, planIndicator ?? "", planBonus ?? 0m, overShare ?? 0m);
    }

    private static PerUnitPenalty ReadPerUnitPenalty(JsonFieldReader r, JsonElement e, string path)
    {
        r.Object(e, path, "kind", "indicator", "amount");
        var indicator = Key(r, r.String(e, path, "indicator", required: true), path + ".indicator");
        var amount = r.Number(e, path, "amount", required: true);
        Money(r, amount, path + ".amount");
        return new PerUnitPenalty(indicator ?? "", amount ?? 0m);
    }

    private static IndicatorBonuses ReadIndicatorBonuses(JsonFieldReader r, JsonElement e, string path, List<SchemeIndicator> indicators)
    {
        r.Object(e, path, "kind");
        r.Check(indicators.Any(i => i.Reward is not null), path + ".kind", "no indicator has a reward to sum");
        return new IndicatorBonuses();
    }
}

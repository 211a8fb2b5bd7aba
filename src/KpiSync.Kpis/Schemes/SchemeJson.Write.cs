using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace KpiSync.Kpis.Schemes;

public static partial class SchemeJson
{
    // Cyrillic names stay readable in the file a director opens (the default encoder writes \u041C...).
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Canonical indented JSON: every property written, defaults included, in the documented order.</summary>
    public static string Write(KpiScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("name", scheme.Name);
            w.WriteNumber("fixed", scheme.Fixed);
            w.WriteStartArray("indicators");
            foreach (var i in scheme.Indicators)
            {
                WriteIndicator(w, i);
            }

            w.WriteEndArray();
            w.WriteStartArray("components");
            foreach (var c in scheme.Components)
            {
                WriteComponent(w, c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteIndicator(Utf8JsonWriter w, SchemeIndicator i)
    {
        w.WriteStartObject();
        w.WriteString("key", i.Key);
        w.WriteNumber("weight", i.Weight);
        w.WriteString("direction", DirectionName(i.Direction));
        if (i.Cap is { } cap)
        {
            w.WriteNumber("cap", cap);
        }

        if (i.Reward is { } reward)
        {
            w.WriteStartObject("reward");
            w.WriteNumber("amount", reward.Amount);
            w.WriteNumber("min_ratio", reward.MinRatio);
            w.WriteBoolean("per_unit", reward.PerUnit);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, PayComponent component)
    {
        w.WriteStartObject();
        w.WriteString("kind", component.Kind);
        switch (component)
        {
            case LinearBonus c:
                w.WriteNumber("variable", c.Variable);
                w.WriteNumber("threshold", c.Threshold);
                break;
            case BandTable c:
                w.WriteNumber("variable", c.Variable);
                WriteBands(w, c.Bands);
                break;
            case ActionsReward c:
                w.WriteNumber("amount", c.Amount);
                w.WriteStartObject("targets");
                foreach (var (key, target) in c.Targets)
                {
                    w.WriteNumber(key, target);
                }

                w.WriteEndObject();
                w.WriteBoolean("pro_rata", c.ProRata);
                break;
            case SalesBonus c:
                w.WriteString("indicator", c.Indicator);
                w.WriteNumber("critical", c.Critical);
                w.WriteNumber("rate", c.Rate);
                break;
            case HourlyPay c:
                w.WriteString("hours_indicator", c.HoursIndicator);
                w.WriteNumber("rate", c.Rate);
                w.WriteString("plan_indicator", c.PlanIndicator);
                w.WriteNumber("plan_bonus", c.PlanBonus);
                w.WriteNumber("over_share", c.OverShare);
                break;
            case PerUnitPenalty c:
                w.WriteString("indicator", c.Indicator);
                w.WriteNumber("amount", c.Amount);
                break;
            case IndicatorBonuses:
                break;
            default:
                throw new ArgumentException($"Unknown pay component {component.GetType().Name}.", nameof(component));
        }

        w.WriteEndObject();
    }

    private static void WriteBands(Utf8JsonWriter w, IReadOnlyList<Band> bands)
    {
        w.WriteStartArray("bands");
        foreach (var b in bands)
        {
            w.WriteStartObject();
            w.WriteNumber("from", b.From);
            if (b.To is { } to)
            {
                w.WriteNumber("to", to);
            }

            w.WriteNumber("coefficient", b.Coefficient);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}

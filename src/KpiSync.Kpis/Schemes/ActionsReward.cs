using static KpiSync.Kpis.Schemes.SchemeContext;

namespace KpiSync.Kpis.Schemes;

/// <summary>
/// Kind 3: <see cref="Amount"/> when every action target is met (fact ≥ target). With
/// <see cref="ProRata"/>, a shortfall pays <c>amount × min(fact / target)</c> over the targets: the weakest
/// action sets the share, so over-doing one action cannot buy off skipping another.
/// </summary>
public sealed record ActionsReward(decimal Amount, IReadOnlyDictionary<string, decimal> Targets, bool ProRata = false) : PayComponent
{
    public override string Kind => ComponentKinds.ActionsReward;

    internal override PayLine Evaluate(SchemeContext context)
    {
        var share = 1m;
        var parts = new List<string>(Targets.Count);
        var notes = new List<string?>();
        foreach (var (key, target) in Targets)
        {
            var fact = context.Fact(key, out var note);
            notes.Add(note);
            parts.Add(F($"{key} {fact}/{target}"));
            share = Math.Min(share, target <= 0 ? 1m : Math.Max(0m, fact / target));
        }

        var inputs = string.Join(", ", parts);
        var formula = share >= 1m ? F($"{Amount}: all targets met ({inputs})")
            : ProRata ? F($"{Amount} × {share} pro rata ({inputs})")
            : F($"0: targets not met ({inputs})");
        var amount = share >= 1m ? Amount : ProRata ? Amount * share : 0m;
        return new(Kind, amount, WithNotes(formula, [.. notes]));
    }
}

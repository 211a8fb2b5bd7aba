namespace KpiSync.CrmSimulator.Faults;

/// <summary>
/// Uniform rolls in [0, 1) from (seed, request sequence number, fault kind) through SplitMix64: the same
/// seed and request order give the same faults, whatever the data generator drew.
/// </summary>
internal readonly record struct FaultDice(int Seed, long Sequence)
{
    public double Roll(FaultKind kind)
    {
        var state = ((ulong)(uint)Seed << 32) ^ unchecked((ulong)Sequence * 0xD1B54A32D192ED03UL) ^ ((ulong)kind << 58);
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}

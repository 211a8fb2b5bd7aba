namespace KpiSync.CrmSimulator.Generation;

/// <summary>Deterministic ULID-like ids (26 lowercase Crockford base32 chars: 48-bit time, 80 "random" bits).</summary>
internal static class EventIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string Create(int seed, long createdAtSeconds, int sequence)
    {
        Span<char> chars = stackalloc char[26];
        var time = (ulong)((createdAtSeconds * 1000) + (sequence % 1000));
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(time & 31)];
            time >>= 5;
        }

        var state = ((ulong)(uint)seed << 32) ^ (ulong)sequence;
        var high = SplitMix64(ref state);
        var low = SplitMix64(ref state);
        for (var i = 0; i < 16; i++)
        {
            var source = i < 8 ? high >> (i * 5) : low >> ((i - 8) * 5);
            chars[10 + i] = Alphabet[(int)(source & 31)];
        }

        return new string(chars);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

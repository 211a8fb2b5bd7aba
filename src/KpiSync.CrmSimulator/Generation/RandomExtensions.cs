namespace KpiSync.CrmSimulator.Generation;

/// <summary>Sampling helpers over the seeded <see cref="Random"/>; never used with an unseeded one.</summary>
internal static class RandomExtensions
{
    public static double Between(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Knuth's method: fine for the small rates used here (under ~30).</summary>
    public static int Poisson(this Random random, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }
}

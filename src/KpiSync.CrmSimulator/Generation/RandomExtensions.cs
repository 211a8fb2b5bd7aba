namespace KpiSync.CrmSimulator.Generation;

/// <summary>Sampling helpers over the seeded <see cref="Random"/>; never used with an unseeded one.</summary>
internal static class RandomExtensions
{
    public static double Between(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Knuth's method for small rates; above 30 (only with a large Volume) a normal approximation, as exp(-λ) underflows.</summary>
    public static int Poisson(this Random random, double lambda)
    {
        if (lambda > 30)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * gaussian)));
        }

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

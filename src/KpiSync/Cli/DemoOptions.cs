using System.ComponentModel.DataAnnotations;

namespace KpiSync.Cli;

/// <summary>The built-in simulator account the demo syncs.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Generator seed: the same seed gives the same account. <value>Default 42.</value></summary>
    public int Seed { get; init; } = 42;

    /// <summary>Simulated sales reps. <value>Default 12.</value></summary>
    [Range(1, 1000, ErrorMessage = "Demo:Employees must be between 1 and 1000.")]
    public int Employees { get; init; } = 12;

    /// <summary>Months of history up to today. <value>Default 3.</value></summary>
    [Range(1, 36, ErrorMessage = "Demo:Months must be between 1 and 36.")]
    public int Months { get; init; } = 3;

    /// <summary>Name the demo registers the simulator under. <value>Default demo.</value></summary>
    [Required(ErrorMessage = "Demo:ConnectionName must not be empty.")]
    public string ConnectionName { get; init; } = "demo";
}

namespace KpiSync.Cli.Progress;

/// <summary>One look at a running step: its line ("sync demo: 12 000 records, …") and how far it is, when known.</summary>
internal sealed record ProgressReading(string Line, double? Percent);

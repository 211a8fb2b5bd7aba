namespace KpiSync.Benchmarks;

/// <summary>The JSON line of <c>bench fleet --json</c>.</summary>
public sealed record FleetSummary(
    int Connections,
    int Nodes,
    int WorkersPerNode,
    int Ticks,
    int Cycles,
    int Skipped,
    int Failed,
    double CyclesPerMinute,
    double WorstLatenessSeconds,
    double MedianLatenessSeconds,
    double WorstTickBusySeconds,
    int StarvedConnectionTicks,
    int Overlaps);

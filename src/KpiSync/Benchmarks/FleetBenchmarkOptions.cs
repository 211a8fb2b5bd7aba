namespace KpiSync.Benchmarks;

/// <summary><c>bench fleet</c>: <paramref name="Connections"/> small simulated accounts on <paramref name="Nodes"/>
/// <c>serve</c> processes sharing one database, each cycling every minute, for <paramref name="Ticks"/> ticks.</summary>
internal sealed record FleetBenchmarkOptions(int Connections, int Nodes, int Ticks, int WorkersPerNode);

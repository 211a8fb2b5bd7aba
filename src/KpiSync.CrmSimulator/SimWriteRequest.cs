namespace KpiSync.CrmSimulator;

/// <summary>A POST or PATCH under /api/v4 that reached its handler; <see cref="EntityCount"/> is the JSON array's length.</summary>
public sealed record SimWriteRequest(string Method, string Path, int EntityCount, DateTimeOffset At, int StatusCode);

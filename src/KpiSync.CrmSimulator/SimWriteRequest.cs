namespace KpiSync.CrmSimulator;

/// <summary>A POST or PATCH under /api/v4 (or a webhook POST/DELETE) that reached its handler; <see cref="EntityCount"/> is the JSON array's length (1 for a webhook body).</summary>
public sealed record SimWriteRequest(string Method, string Path, int EntityCount, DateTimeOffset At, int StatusCode);

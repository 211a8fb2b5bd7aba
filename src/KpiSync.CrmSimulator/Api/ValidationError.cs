namespace KpiSync.CrmSimulator.Api;

/// <summary>One entry of a 400 "validation-errors" body; <see cref="RequestId"/> is the item's request_id or its index.</summary>
internal sealed record ValidationError(string RequestId, string Code, string Path, string Detail);

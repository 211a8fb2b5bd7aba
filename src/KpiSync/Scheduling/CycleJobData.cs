using System.Globalization;
using KpiSync.Sync;
using Quartz;

namespace KpiSync.Scheduling;

/// <summary>
/// A <see cref="SyncRequest"/> carried in a trigger's job data, so a resync asked for on the dashboard runs through the
/// clustered scheduler (on one node) and survives that node's death: Quartz recovers the fire with the same data.
/// </summary>
internal static class CycleJobData
{
    public const string Full = "full";
    public const string From = "from";
    public const string To = "to";
    public const string Streams = "streams";

    public static JobDataMap Write(SyncRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var map = new JobDataMap();
        if (request.Full)
        {
            map.Add(Full, "true");
        }

        if (request.From is { } from)
        {
            map.Add(From, from.ToString("O", CultureInfo.InvariantCulture));
        }

        if (request.To is { } to)
        {
            map.Add(To, to.ToString("O", CultureInfo.InvariantCulture));
        }

        if (request.Streams is { } streams)
        {
            map.Add(Streams, string.Join(',', streams.Order(StringComparer.Ordinal)));
        }

        return map;
    }

    public static SyncRequest Read(JobDataMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var full = map.TryGetString(Full, out var f) && f == "true";
        if (!full)
        {
            return SyncRequest.Incremental;
        }

        return new SyncRequest(true, Date(map, From), Date(map, To),
            map.TryGetString(Streams, out var s) && s is { Length: > 0 } ? s.Split(',').ToHashSet(StringComparer.Ordinal) : null);
    }

    private static DateTimeOffset? Date(JobDataMap map, string key) =>
        map.TryGetString(key, out var v) && v is { Length: > 0 } ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
}

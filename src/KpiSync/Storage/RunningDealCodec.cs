using KpiSync.Kpis.Engine;

namespace KpiSync.Storage;

/// <summary>
/// The bytes of a deal's running month in <c>kpi_deal_running.body</c> (migration 0021): the deal's touches dated in
/// the month, by time then employee, then its parts of the month (<see cref="KpiPartCodec"/> bodies) by employee. Both
/// in a fixed order, so equal months are equal bytes and a full recompute rewrites only the rows that changed.
/// </summary>
internal static class RunningDealCodec
{
    private const byte Version = 1;

    public static byte[] Encode(IReadOnlyList<TailTouch> touches, IReadOnlyList<(long Employee, byte[] Part)> parts)
    {
        using var stream = new MemoryStream(16 + (touches.Count * 16) + parts.Sum(p => 12 + p.Part.Length));
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Version);
            w.Write(touches.Count);
            foreach (var t in touches)
            {
                w.Write(t.EmployeeId);
                w.Write(t.At.UtcTicks);
            }

            w.Write(parts.Count);
            foreach (var (employee, part) in parts)
            {
                w.Write(employee);
                w.Write(part.Length);
                w.Write(part);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The stored month; null for bytes of another layout (the deal is then replayed whole).</summary>
    public static (TailTouch[] Touches, Dictionary<long, byte[]> Parts)? Decode(byte[] body)
    {
        using var r = new BinaryReader(new MemoryStream(body, writable: false));
        if (r.ReadByte() != Version)
        {
            return null;
        }

        var touches = new TailTouch[r.ReadInt32()];
        for (var i = 0; i < touches.Length; i++)
        {
            touches[i] = new TailTouch(r.ReadInt64(), new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero));
        }

        var parts = new Dictionary<long, byte[]>();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var employee = r.ReadInt64();
            parts[employee] = r.ReadBytes(r.ReadInt32());
        }

        return (touches, parts);
    }
}

/// <summary>A deal's row in <c>kpi_deal_running</c>: the month it was written in, whose cells its parts count in, and its bytes.</summary>
internal sealed record RunningRow(string Period, long[] Employees, byte[] Body)
{
    /// <summary>The running month of a replayed deal; null when it has neither touches nor parts in the month (no row is kept).</summary>
    public static RunningRow? Of(DealParts deal, Kpis.Periods.PeriodGrid grid)
    {
        var running = grid.Count - 1;
        var parts = deal.Cells.Where(x => x.Key.Period == running).OrderBy(x => x.Key.EmployeeId)
            .Select(x => (x.Key.EmployeeId, KpiPartCodec.Encode(x.Value))).ToList();
        var touches = deal.Tail?.Touches ?? [];
        return parts.Count + touches.Count == 0
            ? null
            : new RunningRow(grid.Key(running), [.. parts.Select(p => p.EmployeeId)], RunningDealCodec.Encode(touches, parts));
    }

    public bool SameAs(RunningRow? other) => other is not null && other.Period == Period && other.Body.AsSpan().SequenceEqual(Body);
}

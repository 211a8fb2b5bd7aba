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

/// <summary>
/// A deal's row in <c>kpi_deal_running</c>: the month it was written in, its touches and parts, and their bytes. A row
/// read from the table is decoded only when its content is asked for (a full recompute compares the bytes alone).
/// </summary>
internal sealed class RunningRow
{
    private readonly Lazy<(TailTouch[] Touches, Dictionary<long, byte[]> Parts)?> _content;

    private RunningRow(string period, byte[] body, Func<(TailTouch[] Touches, Dictionary<long, byte[]> Parts)?> content) =>
        (Period, Body, _content) = (period, body, new(content));

    public string Period { get; }

    public byte[] Body { get; }

    /// <summary>False for bytes of another layout (the deal is then replayed whole).</summary>
    public bool IsReadable => _content.Value is not null;

    public IReadOnlyList<TailTouch> Touches => Content.Touches;

    /// <summary>The month's parts (<see cref="KpiPartCodec"/> bodies) by employee.</summary>
    public IReadOnlyDictionary<long, byte[]> Parts => Content.Parts;

    /// <summary>Whose cells the parts count in, in order (the row's <c>employees</c>, for finding a cell's deals).</summary>
    public long[] Employees => [.. Parts.Keys.Order()];

    private (TailTouch[] Touches, Dictionary<long, byte[]> Parts) Content =>
        _content.Value ?? throw new InvalidDataException($"A running month stored for {Period} is in an unknown layout.");

    public static RunningRow Stored(string period, byte[] body) => new(period, body, () => RunningDealCodec.Decode(body));

    /// <summary>The running month of a replayed deal; null when it has neither touches nor parts in the month (no row is kept).</summary>
    public static RunningRow? Of(DealParts deal, Kpis.Periods.PeriodGrid grid)
    {
        var running = grid.Count - 1;
        var parts = deal.Cells.Where(x => x.Key.Period == running).OrderBy(x => x.Key.EmployeeId)
            .Select(x => (x.Key.EmployeeId, KpiPartCodec.Encode(x.Value))).ToList();
        TailTouch[] touches = [.. deal.Tail?.Touches ?? []];
        if (parts.Count + touches.Length == 0)
        {
            return null;
        }

        var content = (touches, parts.ToDictionary(p => p.EmployeeId, p => p.Item2));
        return new RunningRow(grid.Key(running), RunningDealCodec.Encode(touches, parts), () => content);
    }

    /// <summary>Equal rows, or none on either side.</summary>
    public static bool Same(RunningRow? a, RunningRow? b) =>
        a is null || b is null ? a is null && b is null : a.Period == b.Period && a.Body.AsSpan().SequenceEqual(b.Body);

    /// <summary>The parts that changed from <paramref name="before"/> to <paramref name="after"/> (either may be none), each with its body before and after.</summary>
    public static IEnumerable<PartChange> Changes(RunningRow? before, RunningRow? after)
    {
        var was = before?.Parts.ToDictionary() ?? [];
        foreach (var (e, body) in after?.Parts ?? new Dictionary<long, byte[]>())
        {
            if (!was.Remove(e, out var old) || !old.AsSpan().SequenceEqual(body))
            {
                yield return new PartChange(e, after!.Period, old, body);
            }
        }

        foreach (var (e, old) in was)
        {
            yield return new PartChange(e, before!.Period, old, null);
        }
    }
}

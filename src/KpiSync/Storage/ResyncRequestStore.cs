using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>The <c>resync_requests</c> table: what a queued resync reads (its job carries only the row's id).</summary>
internal sealed class ResyncRequestStore(NpgsqlDataSource dataSource)
{
    private const string Insert = """
        insert into kpisync.resync_requests (connection_id, range_from, range_to, streams, requested_by)
        values (@ConnectionId, @From, @To, @Streams, @RequestedBy)
        returning id
        """;

    private const string Select = """
        select r.id, r.connection_id, c.name as connection, r.range_from as "from", r.range_to as "to", r.streams, r.requested_by
        from kpisync.resync_requests r join kpisync.connections c on c.id = r.connection_id
        where r.id = @id
        """;

    public async Task<long> AddAsync(int connectionId, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<string>? streams, string? requestedBy,
        CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(Insert,
            new { ConnectionId = connectionId, From = from?.UtcDateTime, To = to?.UtcDateTime, Streams = streams?.Order(StringComparer.Ordinal).ToArray(), RequestedBy = requestedBy },
            cancellationToken: ct));
    }

    /// <summary>The request, or null when it (or its connection) was deleted since it was queued.</summary>
    public async Task<ResyncRequest?> FindAsync(long id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { id }, cancellationToken: ct));
        return row is null ? null : new ResyncRequest(row.Id, row.ConnectionId, row.Connection, Utc(row.From), Utc(row.To), row.Streams, row.RequestedBy);
    }

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    // Properties, not a constructor: Npgsql reports a text[] column's type as Array, which Dapper matches to no
    // string[] constructor parameter (every read failed); a property takes the string[] value itself.
    private sealed class Row
    {
        public long Id { get; init; }

        public int ConnectionId { get; init; }

        public string Connection { get; init; } = "";

        public DateTime? From { get; init; }

        public DateTime? To { get; init; }

        public string[]? Streams { get; init; }

        public string? RequestedBy { get; init; }
    }
}

/// <summary>A queued resync: everything, or a range (To exclusive) and chosen streams (null: every stream).</summary>
public sealed record ResyncRequest(long Id, int ConnectionId, string Connection, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<string>? Streams,
    string? RequestedBy)
{
    /// <summary>"2026-10-01 … 2026-10-31, leads+events": the inclusive days an admin chose and the streams.</summary>
    public string Describe()
    {
        var range = (From, To) switch
        {
            (null, null) => "everything",
            (null, { } t) => $"… {t.AddDays(-1):yyyy-MM-dd}",
            ({ } f, null) => $"{f:yyyy-MM-dd} …",
            ({ } f, { } t) => $"{f:yyyy-MM-dd} … {t.AddDays(-1):yyyy-MM-dd}",
        };
        return range + ", " + (Streams is { Count: > 0 } s ? string.Join('+', s) : "every stream");
    }
}

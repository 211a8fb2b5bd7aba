using KpiSync.Storage;
using KpiSync.Sync;
using Npgsql;

namespace KpiSync.IntegrationTests.Recompute;

/// <summary>
/// Random but seeded CRM histories written through the sync's own stores (so the dirty-marking triggers fire as in
/// production): deals appearing, moving, changing hands, won, lost, re-opened, paid, deleted and restored, and calls,
/// meetings and tasks on them — including re-deliveries of a record with changed values.
/// </summary>
internal sealed class FactStreamBuilder(int seed)
{
    public static readonly long[] Employees = [11, 12, 13, 14];
    private static readonly DateTimeOffset Start = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Random _random = new(seed);
    private readonly Dictionary<long, DealRow> _deals = [];
    private readonly List<FunnelFact> _facts = [];
    private int _next;

    public static async Task SeedReferenceAsync(ReferenceDataStore reference, int c, CancellationToken ct)
    {
        await reference.UpsertUsersAsync(c, Employees.Select(e => new CrmUserRow(e, $"Rep {e}", $"rep{e}@example.com", e != 14)).ToList(), ct);
        await reference.UpsertPipelinesAsync(c, [new PipelineRow(1, "Sales", 0, true, false,
        [
            new StageRow(10, "New", 10, "open"), new StageRow(20, "Offer", 20, "open"), new StageRow(30, "Invoice", 30, "open"),
            new StageRow(142, "Won", 10000, "won"), new StageRow(143, "Lost", 11000, "lost"),
        ])], ct);
    }

    /// <summary>Writes one random batch, as one sync page transaction would.</summary>
    public async Task WriteBatchAsync(NpgsqlDataSource dataSource, int c, CancellationToken ct)
    {
        var deals = new List<DealRow>();
        var facts = new List<FunnelFact>();
        var deletions = new List<(long Id, DateTimeOffset At, bool Deleted)>();
        for (var n = _random.Next(1, 25); n > 0; n--)
        {
            var roll = _random.NextDouble();
            if (roll < 0.15 || _deals.Count == 0)
            {
                deals.Add(NewDeal(facts));
            }
            else if (roll < 0.55)
            {
                facts.Add(Activity());
            }
            else if (roll < 0.85)
            {
                DealFact(deals, facts);
            }
            else if (roll < 0.93 && _facts.Count > 0)
            {
                // A re-delivery with changed values: the same CRM record, another time or owner.
                var old = _facts[_random.Next(_facts.Count)];
                facts.Add(old with { OccurredAt = old.OccurredAt.AddHours(_random.Next(-48, 48)), EmployeeId = old.EmployeeId is null ? null : Pick() });
            }
            else
            {
                var d = _deals.Values.ElementAt(_random.Next(_deals.Count));
                deletions.Add((d.CrmId, d.UpdatedAt.AddMinutes(1), _random.NextDouble() < 0.6));
            }
        }

        _facts.AddRange(facts);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await DealStore.UpsertAsync(conn, tx, c, deals, ct);
        await FunnelEventStore.UpsertAsync(conn, tx, c, facts, ct);
        if (deletions.Count > 0)
        {
            await DealStore.ApplyDeletionsAsync(conn, tx, c, deletions, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Writes the given deals and facts in one transaction, as a sync batch would.</summary>
    public static async Task WriteAsync(NpgsqlDataSource dataSource, int c, IReadOnlyList<DealRow> deals, IReadOnlyList<FunnelFact> facts, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await DealStore.UpsertAsync(conn, tx, c, deals, ct);
        await FunnelEventStore.UpsertAsync(conn, tx, c, facts, ct);
        await tx.CommitAsync(ct);
    }

    private long Pick() => Employees[_random.Next(Employees.Length)];

    private DateTimeOffset When() => Start.AddMinutes(_random.Next(0, 80 * 24 * 60));

    private DealRow NewDeal(List<FunnelFact> facts)
    {
        var id = 1000 + _next++;
        var created = When();
        var owner = Pick();
        var deal = new DealRow(id, $"Deal {id}", _random.Next(1, 100) * 1000, owner, 1, 10, null, created, created, null, false,
            Cost: _random.Next(0, 30) * 100, LaborCostSeconds: _random.Next(0, 20) * 3600, Segment: _random.NextDouble() < 0.5 ? "SMB" : "Enterprise",
            Product: $"P{_random.Next(1, 5)}", PaymentDue: created.AddDays(_random.Next(5, 40)), ClientId: _random.Next(1, 8));
        _deals[id] = deal;
        facts.Add(new FunnelFact($"lead:{id}:created", FactKinds.DealCreated, owner, id, created, deal.Price));
        return deal;
    }

    private FunnelFact Activity()
    {
        var kind = _random.Next(4) switch { 0 => FactKinds.CallIn, 1 => FactKinds.CallOut, 2 => FactKinds.Meeting, _ => FactKinds.Task };
        var deal = _random.NextDouble() < 0.7 ? _deals.Keys.ElementAt(_random.Next(_deals.Count)) : (long?)null;
        var day = When().UtcDateTime.Date;
        var at = new DateTimeOffset(day.AddHours(6 + _random.Next(0, 10)).AddMinutes(_random.Next(60)), TimeSpan.Zero);
        return new FunnelFact($"{(kind.StartsWith("call", StringComparison.Ordinal) ? "note" : "task")}:{_next++}", kind, Pick(), deal, at,
            DurationSeconds: _random.Next(0, 900), Outcome: (short)(kind is FactKinds.Meeting or FactKinds.Task ? _random.Next(2) : _random.Next(1, 8)));
    }

    private void DealFact(List<DealRow> deals, List<FunnelFact> facts)
    {
        var d = _deals.Values.ElementAt(_random.Next(_deals.Count));
        var at = d.CreatedAt.AddHours(_random.Next(1, 30 * 24));
        var key = $"event:{_next++}";
        var roll = _random.Next(6);
        long[] open = [10, 20, 30];
        var status = d.StatusId ?? 10;
        FunnelFact fact = roll switch
        {
            0 => new FunnelFact(key, FactKinds.StageChanged, d.ResponsibleId, d.CrmId, at, StageFrom: status, StageTo: open[_random.Next(3)]),
            1 => new FunnelFact(key, FactKinds.DealWon, d.ResponsibleId, d.CrmId, at, d.Price, StageFrom: status, StageTo: 142),
            2 => new FunnelFact(key, FactKinds.DealLost, d.ResponsibleId, d.CrmId, at, StageFrom: status, StageTo: 143),
            3 => new FunnelFact(key, FactKinds.DealReopened, d.ResponsibleId, d.CrmId, at, StageFrom: 142, StageTo: 20),
            4 => new FunnelFact(key, FactKinds.Payment, d.ResponsibleId, d.CrmId, at, _random.Next(1, 50) * 100),
            _ => Handover(key, d, at),
        };
        facts.Add(fact);
        var updated = d with
        {
            UpdatedAt = at > d.UpdatedAt ? at : d.UpdatedAt.AddSeconds(1),
            StatusId = fact.StageTo ?? d.StatusId,
            ResponsibleId = fact.Kind == FactKinds.ResponsibleChanged ? fact.EmployeeId : d.ResponsibleId,
            PaidAmount = fact.Kind == FactKinds.Payment ? (d.PaidAmount ?? 0) + fact.Amount : d.PaidAmount,
            Price = _random.NextDouble() < 0.1 ? d.Price + 500 : d.Price,
        };
        _deals[d.CrmId] = updated;
        deals.Add(updated);
    }

    private FunnelFact Handover(string key, DealRow d, DateTimeOffset at)
    {
        var to = Pick();
        return new FunnelFact(key, FactKinds.ResponsibleChanged, to, d.CrmId, at, PayloadJson: $$"""{"from":{{d.ResponsibleId}},"to":{{to}}}""");
    }
}

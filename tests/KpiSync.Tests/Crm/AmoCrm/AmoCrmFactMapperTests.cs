using System.Text.Json;
using System.Text.Json.Nodes;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Sync;
using KpiSync.Tests.Support;

namespace KpiSync.Tests.Crm.AmoCrm;

public sealed class AmoCrmFactMapperTests
{
    private static AmoLead Lead(decimal? price = 1000, long? responsible = 5, long created = 1_760_000_000, long status = 61, bool? deleted = false) =>
        new(1, "Deal", price, responsible, status, 7, null, 5, created, created + 10, null, deleted);

    private static AmoEvent Event(string type, string shapesKey)
    {
        var shapes = JsonNode.Parse(Fixtures.Read("amocrm-event-value-shapes.json"))![shapesKey]!;
        return new AmoEvent("01pz58t6p04ymgsgfbmfyfy1mf", type, 26060763, "lead", 939801, 1_760_000_000,
            Values(shapes["value_after"]!.ToJsonString()), Values(shapes["value_before"]!.ToJsonString()));
    }

    private static AmoEventValues? Values(string json) => JsonSerializer.Deserialize(json, AmoCrmJsonContext.Default.AmoEventValues);

    [Fact]
    public void EventValues_EveryShapeOfTheSample_ReadsItsIdsOrNone_AndWritesBackWhatItRead()
    {
        var shapes = JsonNode.Parse(Fixtures.Read("amocrm-event-value-shapes.json"))!.AsObject();
        foreach (var (key, shape) in shapes)
        {
            foreach (var side in (string[])["value_after", "value_before"])
            {
                if (shape![side] is not { } json)
                {
                    continue;
                }

                var values = Values(json.ToJsonString())!;
                var expected = key switch
                {
                    "lead_status_changed" => new AmoEventValues(5233224, null),
                    "entity_responsible_changed" => new AmoEventValues(null, side == "value_after" ? 504329 : 37268),
                    _ => AmoEventValues.None,
                };
                Assert.Equal(expected, values);
                Assert.Equal(values, Values(JsonSerializer.Serialize(values, AmoCrmJsonContext.Default.AmoEventValues)));
            }
        }

        Assert.Null(Values("null"));
        Assert.Equal(AmoEventValues.None, Values("""{"lead_status":{"id":1}}"""));
        Assert.Equal(new AmoEventValues(7, null), Values("""[{"lead_status":{"pipeline_id":3,"id":7}},{"lead_status":{"id":8}}]"""));
    }

    [Fact]
    public void MapLead_ValidLead_GivesDealAndCreatedFact()
    {
        var r = AmoCrmFactMapper.MapLead(Lead(), Some.Now, (_, _) => true);

        Assert.Null(r.RejectReason);
        Assert.Equal(1000m, r.Value.Deal.Price);
        Assert.Equal(FactKinds.DealCreated, r.Value.Created.Kind);
        Assert.Equal("lead:1:created", r.Value.Created.SourceKey);
        Assert.Equal(5, r.Value.Created.EmployeeId);
    }

    [Theory]
    [InlineData(-1, 5, 1_760_000_000L, true, "negative price")]
    [InlineData(1, null, 1_760_000_000L, true, "missing responsible user")]
    [InlineData(1, 0, 1_760_000_000L, true, "missing responsible user")]
    [InlineData(1, 5, 900_000_000L, true, "before 2000 or in the future")]
    [InlineData(1, 5, 1_900_000_000L, true, "before 2000 or in the future")]
    [InlineData(1, 5, 1_760_000_000L, false, "unknown stage 61 in pipeline 7")]
    public void MapLead_BrokenInvariant_RejectsWithTheReason(int price, int? responsible, long created, bool stageKnown, string reason)
    {
        var r = AmoCrmFactMapper.MapLead(Lead(price, responsible, created), Some.Now, (_, _) => stageKnown);

        Assert.Contains(reason, r.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void MapEvent_StatusChangeFixture_IsAStageChangeFromBeforeToAfter()
    {
        var r = AmoCrmFactMapper.MapEvent(Event("lead_status_changed", "lead_status_changed"), Some.Now);

        var f = r.Value!;
        Assert.Equal(FactKinds.StageChanged, f.Kind);
        Assert.Equal(5233224, f.StageTo);
        Assert.Equal(26060763, f.DealId);
        Assert.Null(f.EmployeeId); // attributed from the deal during sync
    }

    [Theory]
    [InlineData(61, 142, FactKinds.DealWon)]
    [InlineData(61, 143, FactKinds.DealLost)]
    [InlineData(142, 61, FactKinds.DealReopened)]
    [InlineData(61, 62, FactKinds.StageChanged)]
    public void MapEvent_StatusChange_ClassifiesWinsLossesAndReopens(long from, long to, string kind)
    {
        var value = (long id) => Values("[{\"lead_status\":{\"id\":" + id + ",\"pipeline_id\":7}}]");
        var e = new AmoEvent("e1", "lead_status_changed", 9, "lead", 1, 1_760_000_000, value(to), value(from));

        Assert.Equal(kind, AmoCrmFactMapper.MapEvent(e, Some.Now).Value!.Kind);
    }

    [Fact]
    public void MapEvent_ResponsibleChangeFixture_CountsForTheNewResponsible()
    {
        var f = AmoCrmFactMapper.MapEvent(Event("entity_responsible_changed", "entity_responsible_changed"), Some.Now).Value!;

        Assert.Equal(FactKinds.ResponsibleChanged, f.Kind);
        Assert.Equal(504329, f.EmployeeId);
        Assert.Contains("37268", f.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public void MapEvent_EventsPageFixture_LeadAddedIsNotAFact()
    {
        var page = JsonNode.Parse(Fixtures.Read("amocrm-events-page.json"))!["_embedded"]!["events"]![0]!.ToJsonString();
        var e = JsonSerializer.Deserialize(page, AmoCrmJsonContext.Default.AmoEvent)!;

        var r = AmoCrmFactMapper.MapEvent(e, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Null(r.Value);
        Assert.Null(r.RejectReason);
    }

    [Fact]
    public void MapTask_MeetingsFixture_AreCompletedMeetingsAtTheirScheduledTime()
    {
        var tasks = JsonNode.Parse(Fixtures.Read("amocrm-tasks.json"))!["_embedded"]!["tasks"]!.AsArray()
            .Select(t => JsonSerializer.Deserialize(t!.ToJsonString(), AmoCrmJsonContext.Default.AmoTask)!).ToList();

        var facts = tasks.Select(t => AmoCrmFactMapper.MapTask(t, Some.Now).Value!).ToList();

        Assert.All(facts, f => Assert.Equal(FactKinds.Meeting, f.Kind));
        Assert.All(facts, f => Assert.Equal((short)1, f.Outcome));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1575665940), facts[0].OccurredAt);
        Assert.Equal(123123, facts[0].EmployeeId);
    }

    [Fact]
    public void MapCallNote_NoteWithoutResponsible_IsRejected()
    {
        var note = new AmoNote(1, 9, null, null, 1_760_000_000, 1_760_000_000, "call_out", new AmoNoteParams(30, 4));

        Assert.Equal("missing responsible user", AmoCrmFactMapper.MapCallNote(note, Some.Now).RejectReason);
    }

    [Fact]
    public void MapCallNote_CommonNote_IsNotAFact()
    {
        var note = new AmoNote(1, 9, 5, 5, 1_760_000_000, 1_760_000_000, "common", null);

        var r = AmoCrmFactMapper.MapCallNote(note, Some.Now);

        Assert.Null(r.Value);
        Assert.Null(r.RejectReason);
    }
}

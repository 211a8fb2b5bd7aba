using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Crm.Auth;
using KpiSync.Sync;
using KpiSync.Tests.Support;

namespace KpiSync.Tests.Crm.AmoCrm;

/// <summary>
/// Every amoCRM sample in ../shared/crm/fixtures that KpiSync reads parses and maps to the expected facts. (Contacts and
/// the lead POST/PATCH answers are not read: KpiSync takes no facts from contacts and never writes leads.)
/// </summary>
public sealed class AmoCrmFixturesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static T Parse<T>(JsonNode node, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => JsonSerializer.Deserialize(node.ToJsonString(), type)!;

    [Fact]
    public async Task LeadsPage_DocsExample_MapsEveryLeadToADealAndACreatedFact()
    {
        var page = await Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read("amocrm-leads-page.json")))).GetLeadsAsync(0, null, 1, Ct);

        var mapped = page.Items.Select(l => AmoCrmFactMapper.MapLead(l, Some.Now, (_, _) => true)).ToList();

        Assert.Equal(2, mapped.Count);
        Assert.All(mapped, m => Assert.Null(m.RejectReason));
        var won = mapped.Single(m => m.Value.Deal.CrmId == 19619).Value;
        Assert.Equal((142L, 46333m, 123321L), (won.Deal.StatusId!.Value, won.Deal.Price, won.Deal.ResponsibleId!.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1453279607), won.Created.OccurredAt);
    }

    [Fact]
    public void LeadById_WithLossReasonAndTags_KeepsThemOnTheDeal()
    {
        var lead = JsonSerializer.Deserialize(Fixtures.Read("amocrm-lead-by-id-with-loss-reason.json"), AmoCrmJsonContext.Default.AmoLead)!;

        var deal = AmoCrmFactMapper.MapLead(lead, Some.Now, (_, _) => true).Value.Deal;

        Assert.Equal(4203748, deal.LossReasonId);
        Assert.Equal(143, deal.StatusId);
        Assert.Equal(["тест"], deal.Tags);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1590683337), deal.ClosedAt);
    }

    [Fact]
    public void TaskById_CompletedMeeting_IsAMeetingFactAtItsScheduledTime()
    {
        var task = JsonSerializer.Deserialize(Fixtures.Read("amocrm-task-by-id.json"), AmoCrmJsonContext.Default.AmoTask)!;

        var fact = AmoCrmFactMapper.MapTask(task, Some.Now).Value!;

        Assert.Equal(("task:56981", FactKinds.Meeting, (short)1, 123123L, 180765L), (fact.SourceKey, fact.Kind, fact.Outcome!.Value, fact.EmployeeId!.Value, fact.DealId!.Value));
        Assert.Equal("Результат есть", task.Result?.Text);
    }

    [Fact]
    public async Task NotesPage_CommonNotes_AreReadButAreNotCalls()
    {
        var page = await Some.Client(new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read("amocrm-notes-page.json")))).GetCallNotesAsync(0, null, 1, Ct);

        Assert.NotEmpty(page.Items);
        Assert.Empty(page.Rejected);
        Assert.All(page.Items, n => Assert.Null(AmoCrmFactMapper.MapCallNote(n, Some.Now).Value));
    }

    private static readonly string[] CallTypes = ["call_in", "call_out"];

    [Fact]
    public void NotesCalls_DocumentedShapes_BecomeCallFactsWithDirectionAndDuration()
    {
        var shapes = JsonNode.Parse(Fixtures.Read("amocrm-notes-calls.json"))!["documented_params_shapes"]!;
        var notes = CallTypes.Select((type, i) => Parse(new JsonObject
        {
            ["id"] = i + 1, ["entity_id"] = 9, ["responsible_user_id"] = 5, ["created_at"] = 1_760_000_000, ["updated_at"] = 1_760_000_000,
            ["note_type"] = type, ["params"] = shapes[type]!.DeepClone(),
        }, AmoCrmJsonContext.Default.AmoNote));

        var facts = notes.Select(n => AmoCrmFactMapper.MapCallNote(n, Some.Now).Value!).ToList();

        Assert.Equal([FactKinds.CallIn, FactKinds.CallOut], facts.Select(f => f.Kind));
        Assert.All(facts, f => Assert.Equal(60, f.DurationSeconds));
        Assert.All(facts, f => Assert.Null(f.Outcome)); // no call_status: answered is decided by duration
    }

    [Fact]
    public void Pipelines_SystemStatuses_AreWonAndLost()
    {
        var pipeline = Parse(JsonNode.Parse(Fixtures.Read("amocrm-pipelines.json"))!["_embedded"]!["pipelines"]![0]!, AmoCrmJsonContext.Default.AmoPipeline);

        var outcomes = pipeline.Embedded!.Statuses.ToDictionary(s => s.Id, s => AmoCrmFactMapper.StageOutcome(s.Id));

        Assert.Equal("won", outcomes[142]);
        Assert.Equal("lost", outcomes[143]);
        Assert.Equal(3, outcomes.Values.Count(o => o == "open"));
    }

    [Fact]
    public void Users_Fixture_ReadsActiveFlagFromRights()
    {
        var users = JsonNode.Parse(Fixtures.Read("amocrm-users.json"))!.AsArray().Select(u => Parse(u!, AmoCrmJsonContext.Default.AmoUser)).ToList();

        Assert.Equal(123123, users[0].Id);
        Assert.Equal("Вася Пупкин", users[0].Name);
        Assert.True(users[0].Rights!.IsActive);
    }

    [Fact]
    public void CustomFieldCreated_Fixture_Parses()
    {
        var field = JsonSerializer.Deserialize(Fixtures.Read("amocrm-custom-field-created.json"), AmoCrmJsonContext.Default.AmoCustomField)!;

        Assert.Equal((1016236L, "Client Type", "select"), (field.Id, field.Name, field.Type));
    }

    [Fact]
    public void EventValueShapes_LeadDeletedAndRestored_AreTombstoneFacts()
    {
        var shape = JsonNode.Parse(Fixtures.Read("amocrm-event-value-shapes.json"))!["lead_deleted|lead_restored|task_added|task_deleted|task_completed|entity_merged"]!;
        var after = JsonSerializer.Deserialize(shape["value_after"]!.ToJsonString(), AmoCrmJsonContext.Default.AmoEventValues);
        var before = JsonSerializer.Deserialize(shape["value_before"]!.ToJsonString(), AmoCrmJsonContext.Default.AmoEventValues);
        var deleted = AmoCrmFactMapper.MapEvent(new AmoEvent("e1", "lead_deleted", 7, "lead", 1, 1_760_000_000, after, before), Some.Now).Value!;
        var restored = AmoCrmFactMapper.MapEvent(new AmoEvent("e2", "lead_restored", 7, "lead", 1, 1_760_000_100, after, before), Some.Now).Value!;
        var taskCompleted = AmoCrmFactMapper.MapEvent(new AmoEvent("e3", "task_completed", 7, "lead", 1, 1_760_000_100, after, before), Some.Now);

        Assert.Equal((FactKinds.DealDeleted, 7L), (deleted.Kind, deleted.DealId!.Value));
        Assert.Equal((FactKinds.DealRestored, 7L), (restored.Kind, restored.DealId!.Value));
        Assert.Null(taskCompleted.Value); // tasks come from the tasks stream, not from events
        Assert.Null(taskCompleted.RejectReason);
    }

    [Fact]
    public async Task Token_Fixture_IsAnOAuthPairExpiringInADay()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read("amocrm-token.json")));
        var oauth = new AmoCrmOAuthClient(new StubHttpClientFactory(handler), new FixedTime(Some.Now));

        var c = await oauth.ExchangeCodeAsync(new Uri("https://example.amocrm.ru/"), "id", "secret", new Uri("https://kpisync.example/cb"), "code", Ct);

        Assert.Equal(("ACCESS_TOKEN_VALUE", "REFRESH_TOKEN_VALUE", Some.Now.AddDays(1)), (c.AccessToken, c.RefreshToken!, c.ExpiresAt!.Value));
        Assert.True(c.CanRefresh);
        Assert.DoesNotContain("ACCESS_TOKEN_VALUE", c.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("/oauth2/access_token", Assert.Single(handler.Requests).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoked_Fixture_IsA401TheProviderTurnsIntoReauthorization()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Json(Fixtures.Read("amocrm-error-401-token-revoked.json"), HttpStatusCode.Unauthorized));
        var oauth = new AmoCrmOAuthClient(new StubHttpClientFactory(handler), new FixedTime(Some.Now));
        var current = new CrmCredentials(CrmCredentials.OAuth, "a", "r", Some.Now, "id", "secret", "https://kpisync.example/cb");

        var e = await Assert.ThrowsAsync<CrmApiException>(() => oauth.RefreshAsync(Some.Connection(), current, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Contains("Token has been revoked", e.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

namespace KpiSync.CrmSimulator.Generation;

/// <summary>Fixed ids of the simulated account; only the data inside them comes from the seed.</summary>
internal static class AccountLayout
{
    public const long AccountId = 31000001;
    public const long PipelineId = 7200001;
    public const long FirstUserId = 5000001;
    public const long FirstLeadId = 30000001;
    public const long FirstCallNoteId = 80000001;
    public const long FirstSystemNoteId = 70000001;
    public const long FirstTaskId = 90000001;
    public const long IncomingStatusId = 61000001;
    public const long QualifiedStatusId = 61000002;
    public const long OfferSentStatusId = 61000003;
    public const long NegotiationStatusId = 61000004;
    public const long WonStatusId = 142;
    public const long LostStatusId = 143;
    public const int FollowUpTaskType = 1;
    public const int MeetingTaskType = 2;

    public static IReadOnlyList<StatusInfo> Statuses { get; } =
    [
        new(IncomingStatusId, "Incoming", 10, 1, "#c1c1c1", false),
        new(QualifiedStatusId, "Qualified", 20, 0, "#99ccff", true),
        new(OfferSentStatusId, "Offer sent", 30, 0, "#ffcc66", true),
        new(NegotiationStatusId, "Negotiation", 40, 0, "#ff8f92", true),
        new(WonStatusId, "Closed - won", 10000, 0, "#ccff66", false),
        new(LostStatusId, "Closed - lost", 11000, 0, "#d5d8db", false),
    ];

    /// <summary>Open stages in walking order.</summary>
    public static IReadOnlyList<long> OpenStages { get; } =
        [IncomingStatusId, QualifiedStatusId, OfferSentStatusId, NegotiationStatusId];

    public static IReadOnlyList<long> LossReasonIds { get; } = [9100001, 9100002, 9100003, 9100004];
}

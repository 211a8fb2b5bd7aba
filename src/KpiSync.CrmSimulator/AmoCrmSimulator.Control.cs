namespace KpiSync.CrmSimulator;

/// <summary>Knobs a test turns while the simulator runs, and changes it makes to the account.</summary>
public sealed partial class AmoCrmSimulator
{
    /// <summary>The faults in force; starts as <see cref="SimulatorOptions.Faults"/>. Null means none.</summary>
    public SimulatorFaults Faults
    {
        get => _runtime.Faults;
        set => _runtime.Faults = value;
    }

    /// <summary>True: every request, the token endpoint included, gets nginx's HTML 403 (a blocked account or IP).</summary>
    public bool Blocked
    {
        get => _runtime.Blocked;
        set => _runtime.Blocked = value;
    }

    /// <summary>True: every /api/v4 request gets 402 "Account is not paid".</summary>
    public bool Unpaid
    {
        get => _runtime.Unpaid;
        set => _runtime.Unpaid = value;
    }

    /// <summary>Successful refresh_token grants.</summary>
    public int TokenRefreshCount => _runtime.Tokens.RefreshCount;

    /// <summary>Faults applied (a slow request that is then cut off counts twice).</summary>
    public int FaultCount => _runtime.FaultCount;

    public IReadOnlyList<SimWebhook> Webhooks => _runtime.Webhooks.Hooks;

    /// <summary>A fresh code for the authorization_code grant: single use, valid for 20 minutes of the options' TimeProvider.</summary>
    public string IssueAuthorizationCode() => _runtime.Tokens.IssueCode(_runtime.Time.GetUtcNow());

    /// <summary>
    /// Deletes a current lead at "now": gone from lists, a lead_deleted event (when <paramref name="withEvent"/>),
    /// served by with=only_deleted while in the trash, and a delete_lead webhook.
    /// </summary>
    /// <exception cref="ArgumentException">The lead is not a current lead.</exception>
    public void DeleteLead(long id, bool withEvent = true, bool keepInTrash = true) => _runtime.Activity.DeleteLead(id, withEvent, keepInTrash);

    /// <summary>Brings a lead back from the trash at "now", with a lead_restored event.</summary>
    /// <exception cref="ArgumentException">The lead is not in the trash.</exception>
    public void RestoreLead(long id) => _runtime.Activity.RestoreLead(id);

    /// <summary>Removes a user from the account, as an admin deleting an employee does: <c>/api/v4/users</c> no longer
    /// lists them; their leads, notes and tasks keep their id.</summary>
    public void RemoveUser(long id) => _runtime.State.RemovedUsers[id] = true;

    /// <summary>One step of live activity at the TimeProvider's "now"; returns the number of records added or changed.</summary>
    public int LiveStep() => _runtime.Activity.Step();
}

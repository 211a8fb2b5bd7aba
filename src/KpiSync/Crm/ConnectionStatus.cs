namespace KpiSync.Crm;

/// <summary>A connection's health. Anything but <see cref="Active"/> stops its jobs until an admin acts.</summary>
public static class ConnectionStatus
{
    public const string Active = "active";

    /// <summary>The token was revoked or a refresh failed: authorize again (<c>connections authorize</c>).</summary>
    public const string NeedsReauthorization = "needs_reauthorization";

    /// <summary>The CRM blocked the account (amoCRM: HTML 403 on every call) or it is unpaid (402): never hammer it.</summary>
    public const string Blocked = "blocked";
}

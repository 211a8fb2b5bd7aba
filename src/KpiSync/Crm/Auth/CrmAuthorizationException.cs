namespace KpiSync.Crm.Auth;

/// <summary>The CRM no longer accepts the connection's credentials; an admin must authorize it again.</summary>
public sealed class CrmAuthorizationException(string message, Exception? inner = null) : Exception(message, inner);

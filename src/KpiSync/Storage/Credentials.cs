namespace KpiSync.Storage;

/// <summary>What <c>connections.credentials</c> holds. Never logged; ToString hides the token.</summary>
internal sealed record Credentials(string AccessToken)
{
    public override string ToString() => "Credentials { *** }";
}

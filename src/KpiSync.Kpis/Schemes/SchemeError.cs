namespace KpiSync.Kpis.Schemes;

/// <summary>One mistake in a scheme's JSON; <see cref="Path"/> is a JSON path such as <c>$.indicators[1].weight</c>.</summary>
public sealed record SchemeError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

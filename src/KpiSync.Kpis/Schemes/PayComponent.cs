namespace KpiSync.Kpis.Schemes;

/// <summary>
/// One of the seven pay component kinds of KPI.md "Pay". The set is closed (the constructor is not
/// public) because <see cref="SchemeJson"/> must read and write every kind.
/// </summary>
public abstract record PayComponent
{
    private protected PayComponent()
    {
    }

    /// <summary>The JSON <c>kind</c>, also <see cref="PayLine.Component"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>Penalties are subtracted and reported apart from bonuses.</summary>
    internal virtual bool IsPenalty => false;

    internal abstract PayLine Evaluate(SchemeContext context);
}

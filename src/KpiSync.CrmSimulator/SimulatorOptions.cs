namespace KpiSync.CrmSimulator;

/// <summary>Knobs of the fake amoCRM account: the seeded data set, limits, credentials and faults.</summary>
public sealed class SimulatorOptions
{
    /// <value>Default 42. Same seed, employees, months and anchor give byte-identical data.</value>
    public int Seed { get; init; } = 42;

    /// <value>Default 12 sales reps.</value>
    public int Employees { get; init; } = 12;

    /// <value>Default 3: the history length in months, ending at <see cref="Anchor"/>.</value>
    public int Months { get; init; } = 3;

    /// <value>End of the generated history. Default null: the start of the current UTC day from <see cref="TimeProvider"/>.</value>
    public DateTimeOffset? Anchor { get; init; }

    /// <value>Default 7 (amoCRM's per-integration limit). 0 turns the limiter off.</value>
    public int RequestsPerSecond { get; init; } = 7;

    /// <value>Default "sim-long-lived-token": accepted as a Bearer token, like a long-lived token.</value>
    public string AccessToken { get; init; } = "sim-long-lived-token";

    /// <value>Default "sim-client".</value>
    public string ClientId { get; init; } = "sim-client";

    /// <value>Default "sim-secret".</value>
    public string ClientSecret { get; init; } = "sim-secret";

    /// <value>Default "kpisync-demo".</value>
    public string Subdomain { get; init; } = "kpisync-demo";

    /// <value>Default "Europe/Moscow": the account time zone (working hours, datetime_settings).</value>
    public string TimeZone { get; init; } = "Europe/Moscow";

    /// <value>Default none. These leads are served with a non-numeric price and a non-numeric created_at.</value>
    public IReadOnlyCollection<long> MalformedLeadIds { get; init; } = [];

    /// <value>Default <see cref="TimeProvider.System"/>. Drives the rate limiter, token expiry, live steps and the default anchor.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <value>Default 1 day (86400 s, amoCRM's figure). Access tokens issued by /oauth2/access_token expire after this.</value>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <value>
    /// Default true. False models an account without the API filter (an alpha feature): the account says
    /// is_api_filter_enabled=false and GET /api/v4/leads ignores filter[updated_at].
    /// </value>
    public bool ApiFilterEnabled { get; init; } = true;

    /// <value>
    /// Default true. False models an account that does not use invoices: no invoices_settings on the account, no
    /// catalog of type invoices, and leads link to no invoice (payments then live only in the paid-amount lead field).
    /// </value>
    public bool InvoicesCatalog { get; init; } = true;

    /// <value>
    /// Default 1.0. Multiplies leads, calls and tasks per employee (Employees 50, Months 12, Volume 5 gives
    /// about 100k leads and 1.2M events, notes and tasks).
    /// </value>
    public double Volume { get; init; } = 1.0;

    /// <value>Default <see cref="SimulatorFaults.None"/>. The starting value of <see cref="AmoCrmSimulator.Faults"/>.</value>
    public SimulatorFaults Faults { get; init; } = SimulatorFaults.None;

    /// <value>Default false. True runs <see cref="AmoCrmSimulator.LiveStep"/> every <see cref="LiveInterval"/> in the background.</value>
    public bool Live { get; init; }

    /// <value>Default 1 second.</value>
    public TimeSpan LiveInterval { get; init; } = TimeSpan.FromSeconds(1);
}

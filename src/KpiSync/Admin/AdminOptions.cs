using System.ComponentModel.DataAnnotations;

namespace KpiSync.Admin;

/// <summary>The dashboard: sign-in, sessions and the login rate limit.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>An admin account created at start-up when missing, for unattended installs.</summary>
    public AdminBootstrapOptions Bootstrap { get; init; } = new();

    /// <summary>How long a session lasts without activity (sliding). <value>Default 08:00:00.</value></summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Admin:SessionLifetime must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins allowed per client IP address within <see cref="LoginWindow"/>, per node. <value>Default 10.</value></summary>
    [Range(1, 10_000, ErrorMessage = "Admin:LoginAttemptsPerIp must be between 1 and 10000.")]
    public int LoginAttemptsPerIp { get; init; } = 10;

    /// <summary>Failed sign-ins allowed per user name from one client IP address within <see cref="LoginWindow"/>, per node;
    /// a successful sign-in clears the count. <value>Default 5.</value></summary>
    [Range(1, 10_000, ErrorMessage = "Admin:LoginAttemptsPerUser must be between 1 and 10000.")]
    public int LoginAttemptsPerUser { get; init; } = 5;

    /// <summary>The window of the sign-in rate limits. <value>Default 00:05:00.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Admin:LoginWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan LoginWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The dashboard's public address (e.g. https://kpisync.example.com) when it sits behind a reverse proxy;
    /// the amoCRM OAuth redirect URI is built from it. <value>Default empty: the address of the request.</value></summary>
    public Uri? PublicUrl { get; init; }
}

public sealed class AdminBootstrapOptions
{
    /// <summary>User name of the seeded admin. <value>Default empty: none.</value></summary>
    public string? User { get; init; }

    /// <summary>Its password hash, as printed by <c>kpisync admins hash</c> (never the password). <value>Default empty.</value></summary>
    public string? PasswordHash { get; init; }
}

namespace KpiSync.Admin;

/// <summary>The dashboard's menu, in order. A new page adds one line here.</summary>
internal static class AdminNavigation
{
    public static IReadOnlyList<(string Title, string Page)> Items { get; } =
    [
        ("Connections", "/Connections/Index"),
        ("Resync", "/Resync/Index"),
        ("Runs", "/Runs/Index"),
        ("Quarantine", "/Quarantine/Index"),
        ("KPIs", "/Kpis/Index"),
        ("Schemes", "/Schemes/Index"),
        ("Periods", "/Periods/Index"),
    ];
}

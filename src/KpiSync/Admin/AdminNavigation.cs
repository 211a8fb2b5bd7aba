namespace KpiSync.Admin;

/// <summary>The dashboard's menu, in order. A new page adds one line here (KPIs, exports and schemes come with the KPI engine).</summary>
internal static class AdminNavigation
{
    public static IReadOnlyList<(string Title, string Page)> Items { get; } =
    [
        ("Connections", "/Connections/Index"),
        ("Jobs", "/Jobs/Index"),
        ("Resync", "/Resync/Index"),
        ("Runs", "/Runs/Index"),
        ("Quarantine", "/Quarantine/Index"),
    ];
}

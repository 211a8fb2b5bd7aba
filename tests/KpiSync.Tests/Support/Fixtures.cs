namespace KpiSync.Tests.Support;

/// <summary>The real CRM response samples in ../shared/crm/fixtures (beside the repository).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "crm", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/crm/fixtures not found above " + AppContext.BaseDirectory);
    });

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder.Value, name));
}

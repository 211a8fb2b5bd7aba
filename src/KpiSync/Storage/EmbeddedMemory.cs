using System.Globalization;
using System.Text.RegularExpressions;

namespace KpiSync.Storage;

/// <summary>
/// How much memory the private cluster caches pages in (<c>shared_buffers</c>, <c>Storage:EmbeddedSharedBuffers</c>).
/// PostgreSQL's default, 128 MB, holds a fraction of a year of a team's facts: an incremental recompute's scattered
/// reads (the year of facts of the deals closed today) then fetched each page from the operating system's cache
/// (0.31 s for 347 deals on the bench, against 0.01 s from shared buffers). A quarter of the memory is PostgreSQL's own
/// advice for a server that has the machine to itself; this one shares it with the service, hence the 8 GB cap.
/// </summary>
internal static partial class EmbeddedMemory
{
    public const string Key = StorageOptions.SectionName + ":" + nameof(StorageOptions.EmbeddedSharedBuffers);

    /// <summary><c>auto</c>, or a size in PostgreSQL's units (which are case-sensitive).</summary>
    public const string Pattern = "^(auto|[1-9][0-9]*(kB|MB|GB))$";

    /// <summary>The <c>shared_buffers</c> for a setting; <c>auto</c> (or none) is a quarter of <paramref name="availableBytes"/>, from 128 MB to 8 GB.</summary>
    public static string SharedBuffers(string? setting, long availableBytes)
    {
        if (string.IsNullOrWhiteSpace(setting) || setting == "auto")
        {
            var mb = Math.Clamp(availableBytes / 4 / (1024 * 1024), 128, 8192);
            return mb.ToString(CultureInfo.InvariantCulture) + "MB";
        }

        return SizePattern().IsMatch(setting)
            ? setting
            : throw new StorageException($"{Key} must be 'auto' or a size in PostgreSQL's units such as 512MB or 2GB; it is '{setting}'.");
    }

    /// <summary>The memory this process may use (a container's limit where there is one).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    [GeneratedRegex(Pattern)]
    private static partial Regex SizePattern();
}

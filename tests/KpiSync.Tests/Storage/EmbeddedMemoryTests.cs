using KpiSync.Storage;

namespace KpiSync.Tests.Storage;

/// <summary>
/// The private cluster's page cache (<c>Storage:EmbeddedSharedBuffers</c>): by default a quarter of the memory, from
/// PostgreSQL's own default of 128 MB up to 8 GB; a size given is passed on as written, and anything else fails naming the key.
/// </summary>
public sealed class EmbeddedMemoryTests
{
    private const long Gb = 1024L * 1024 * 1024;

    [Theory]
    [InlineData(null, 24 * Gb, "6144MB")]
    [InlineData("auto", 4 * Gb, "1024MB")]
    [InlineData("auto", Gb / 4, "128MB")]
    [InlineData("", 256 * Gb, "8192MB")]
    [InlineData("512MB", 24 * Gb, "512MB")]
    [InlineData("2GB", Gb, "2GB")]
    public void SharedBuffers_AutoIsAQuarterOfMemoryWithinBounds_SizesPassAsWritten(string? setting, long available, string expected) =>
        Assert.Equal(expected, EmbeddedMemory.SharedBuffers(setting, available));

    [Theory]
    [InlineData("2gb")]
    [InlineData("2 GB")]
    [InlineData("lots")]
    [InlineData("0MB")]
    public void SharedBuffers_NotASize_FailsNamingTheKey(string setting)
    {
        var e = Assert.Throws<StorageException>(() => EmbeddedMemory.SharedBuffers(setting, 24 * Gb));

        Assert.Contains("Storage:EmbeddedSharedBuffers", e.Message, StringComparison.Ordinal);
        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }
}

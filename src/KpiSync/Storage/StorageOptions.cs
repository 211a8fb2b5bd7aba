using System.ComponentModel.DataAnnotations;

namespace KpiSync.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Apply</c> runs missing migrations at start-up; <c>Verify</c> only checks and fails when any is missing.
    /// <value>Default Apply.</value></summary>
    public MigrationMode Migrations { get; init; } = MigrationMode.Apply;

    /// <summary>Where the private PostgreSQL cluster lives when no connection string is configured, relative to the
    /// working directory. <value>Default .kpisync/pg.</value></summary>
    [Required(ErrorMessage = "Storage:EmbeddedDirectory must not be empty.")]
    public string EmbeddedDirectory { get; init; } = ".kpisync/pg";

    /// <summary>The private cluster's <c>shared_buffers</c>, set each time it is started: <c>auto</c> (a quarter of the
    /// memory, from 128MB to 8GB) or a size such as <c>512MB</c>. <value>Default auto.</value></summary>
    [RegularExpression(EmbeddedMemory.Pattern, ErrorMessage = "Storage:EmbeddedSharedBuffers must be 'auto' or a size in PostgreSQL's units such as 512MB or 2GB.")]
    public string EmbeddedSharedBuffers { get; init; } = "auto";
}

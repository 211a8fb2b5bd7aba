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
}

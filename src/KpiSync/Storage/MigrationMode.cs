namespace KpiSync.Storage;

public enum MigrationMode
{
    Apply,
    Verify,
}

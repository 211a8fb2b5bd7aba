namespace KpiSync.Storage;

/// <summary>The database could not be reached, started or brought to the expected schema.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);

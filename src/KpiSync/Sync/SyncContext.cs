using KpiSync.Crm;

namespace KpiSync.Sync;

/// <summary>What every stream of one sync shares: the connection, the run's clock reading and the known stages.</summary>
internal sealed record SyncContext(CrmConnection Connection, DateTimeOffset Now, IReadOnlySet<(long Pipeline, long Stage)> Stages);

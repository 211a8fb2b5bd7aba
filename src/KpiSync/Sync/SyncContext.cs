using KpiSync.Crm;

namespace KpiSync.Sync;

/// <summary>What every stream of one sync shares: the connection, the run's clock reading, the known stages, and
/// whether the account has API filtering (amoCRM enables it per account; without it <c>filter[updated_at]</c> is ignored),
/// where the run's progress is tracked (dashboard), the graceful-stop signal checked between pages, and the account's
/// invoices catalog (null: it keeps none).</summary>
internal sealed record SyncContext(CrmConnection Connection, DateTimeOffset Now, IReadOnlySet<(long Pipeline, long Stage)> Stages, bool ApiFilterEnabled = true,
    Crm.AmoCrm.LeadFieldMap? LeadFields = null, SyncProgress? Progress = null, long? InvoicesCatalogId = null, CancellationToken StopBetweenPages = default);

using KpiSync.Crm;
using KpiSync.Storage;

namespace KpiSync.Recompute;

/// <summary>Closing and reopening a month, the same way from the CLI (<c>periods close|reopen</c>) and the dashboard:
/// a close first brings the month up to date (what gets frozen is what the facts say now, not what the last scheduled
/// run saw); a reopen recomputes at once, applying the pending adjustments. Both are audited with the acting admin or CLI author.</summary>
internal static class PeriodClosing
{
    /// <summary>False when the month already had that status (nothing changed, nothing audited).</summary>
    public static async Task<bool> SetAsync(KpiRecomputer recomputer, PeriodStore periods, CrmConnection connection, string period, bool closed,
        string actor, CancellationToken ct)
    {
        if (closed)
        {
            await recomputer.RecomputeAsync(connection, full: false, ct);
        }

        var changed = await periods.SetStatusAsync(connection.Id, period, closed, actor, ct);
        if (!closed && changed)
        {
            await recomputer.RecomputeAsync(connection, full: true, ct);
        }

        return changed;
    }
}

using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync;

internal sealed partial class StreamRunner
{
    /// <summary>One open transaction collecting pages; commits them with the cursor moved to the newest position seen.</summary>
    private sealed class Batch(NpgsqlDataSource dataSource, SyncOptions options, TimeProvider time, int connectionId, string stream, long? cursor) : IAsyncDisposable
    {
        private NpgsqlTransaction? _tx;
        private long _opened;
        private int _records;
        private int _quarantined;
        private long _newest = cursor ?? 0;

        public NpgsqlConnection? Connection { get; private set; }

        public bool Due => _records >= options.CommitRecords || time.GetElapsedTime(_opened) >= options.CommitEvery;

        public async Task<NpgsqlTransaction> TransactionAsync(CancellationToken ct)
        {
            if (_tx is null)
            {
                Connection ??= await dataSource.OpenConnectionAsync(ct);
                _tx = await Connection.BeginTransactionAsync(ct);
                await SyncCursorStore.RelaxDurabilityAsync(Connection, _tx, ct);
                _opened = time.GetTimestamp();
            }

            return _tx;
        }

        public void Add(int records, int quarantined, long newest)
        {
            _records += records;
            _quarantined += quarantined;
            _newest = Math.Max(_newest, newest);
        }

        /// <summary>Moves the cursor inside the transaction (exactly one row must move), commits, and counts the work.</summary>
        public async Task CommitAsync(SyncCounts counts, CancellationToken ct)
        {
            if (_tx is null)
            {
                return;
            }

            if (_newest != (cursor ?? 0))
            {
                await SyncCursorStore.AdvanceAsync(Connection!, _tx, connectionId, stream, cursor, _newest, ct);
                cursor = _newest;
            }

            await _tx.CommitAsync(ct);
            await _tx.DisposeAsync();
            _tx = null;
            counts.Entities += _records;
            counts.Quarantined += _quarantined;
            (_records, _quarantined) = (0, 0);
        }

        public async ValueTask DisposeAsync()
        {
            if (_tx is not null)
            {
                await _tx.DisposeAsync(); // not committed: rolled back, the cursor stays where it was
            }

            if (Connection is not null)
            {
                await Connection.DisposeAsync();
            }
        }
    }
}

using KpiSync.Crm;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Sync;

internal sealed partial class StreamRunner
{
    /// <summary>
    /// Pages collected for one transaction. They are stored together at commit — one COPY and one merge per table for
    /// the whole batch, not per page, since a merge's fixed costs (staging, planning, triggers) dwarf a page's rows —
    /// with the cursor moved to the newest position seen, in the same transaction.
    /// </summary>
    private sealed class Batch<T>(NpgsqlDataSource dataSource, SyncOptions options, TimeProvider time, int connectionId, string stream, long? cursor)
        : IAsyncDisposable
    {
        private readonly List<T> _items = [];
        private readonly List<RejectedRecord> _rejected = [];
        private NpgsqlConnection? _connection;
        private long _opened;
        private int _records;
        private long _newest = cursor ?? 0;

        public bool Due => _records >= options.CommitRecords || (_records > 0 && time.GetElapsedTime(_opened) >= options.CommitEvery);

        public void Add(CrmPage<T> page, long newest)
        {
            if (_records == 0)
            {
                _opened = time.GetTimestamp();
            }

            _items.AddRange(page.Items);
            _rejected.AddRange(page.Rejected);
            _records += page.Count;
            _newest = Math.Max(_newest, newest);
        }

        /// <summary>Stores the pages, quarantines what they rejected, moves the cursor (exactly one row must move) and
        /// commits, all in one transaction; then counts the work.</summary>
        public async Task CommitAsync(SyncStream<T> syncStream, SyncContext context, SyncCounts counts, CancellationToken ct)
        {
            if (_records == 0 && _newest == (cursor ?? 0))
            {
                return;
            }

            _connection ??= await dataSource.OpenConnectionAsync(ct);
            await using (var tx = await _connection.BeginTransactionAsync(ct))
            {
                await SyncCursorStore.RelaxDurabilityAsync(_connection, tx, ct);
                counts.Changed += await syncStream.StoreAsync(_connection, tx, context, _items, _rejected, ct);
                await QuarantineStore.AddAsync(_connection, tx, connectionId, stream, _rejected, ct);
                if (_newest != (cursor ?? 0))
                {
                    await SyncCursorStore.AdvanceAsync(_connection, tx, connectionId, stream, cursor, _newest, ct);
                    cursor = _newest;
                }

                await tx.CommitAsync(ct); // not reached on failure: rolled back, the cursor stays where it was
            }

            counts.Entities += _records;
            counts.Quarantined += _rejected.Count;
            _items.Clear();
            _rejected.Clear();
            _records = 0;
        }

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }
        }
    }
}

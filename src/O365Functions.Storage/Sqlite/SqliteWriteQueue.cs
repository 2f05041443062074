using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace O365Functions.Storage.Sqlite;

/// <summary>
/// Group commit for one SQLite file: every write of this process is queued, and one writer applies what is waiting in
/// a single immediate transaction, each write inside its own savepoint, so a write that fails (an ETag that does not
/// match, a key that exists) is rolled back alone while the others commit. A caller's task completes only after the
/// transaction holding its write committed. Waiting writers await instead of blocking threads, and a burst of writes
/// costs one commit instead of one each. The writer keeps one connection open, configured once for writing; readers
/// use pooled connections and never wait for it (WAL).
/// </summary>
internal sealed class SqliteWriteQueue(Func<SqliteConnection> openWriter, Func<SqliteConnection> openReader) : IDisposable
{
    private const int MaxBatch = 256;

    // How many batches one caller commits before it hands the writer's role to a pool thread, so that under a steady
    // stream of writes no caller waits on others' writes for long.
    private const int BatchesPerLeader = 1;

    // SQLite's default: a checkpoint once the write-ahead log holds about 1,000 pages.
    private const int WritesPerCheckpoint = 1000;

    private readonly ConcurrentQueue<PendingWrite> _pending = new();
    private int _writing;
    private int _writesSinceCheckpoint;
    private int _checkpointing;

    // Used by one committing caller at a time (the writer's role), never concurrently.
    private readonly List<PendingWrite> _batch = new(MaxBatch);
    private SqliteWriteSession? _session;

    /// <summary>
    /// Queues <paramref name="write"/>, which runs inside the writer's transaction; completes once it is committed.
    /// When no write is under way the caller commits at once on its own thread (no queueing cost when there is no
    /// contention); otherwise it waits for the writer that is committing, which takes it in its next batch.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteSession, T> write)
    {
        var pending = new PendingWrite<T>(write);
        _pending.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            Drain(BatchesPerLeader);
        }

        return pending.Task;
    }

    /// <summary>Commits batches while writes wait, then gives up the writer's role (or hands it on after <paramref name="batches"/>).</summary>
    private void Drain(int batches)
    {
        var batch = _batch;
        while (true)
        {
            for (var committed = 0; committed < batches && !_pending.IsEmpty; committed++)
            {
                while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                Commit(batch);
                batch.Clear();
            }

            if (!_pending.IsEmpty)
            {
                // Still busy: a pool thread carries on, and this caller returns to its own work.
                _ = Task.Run(() => Drain(BatchesPerLeader));
                return;
            }

            Volatile.Write(ref _writing, 0);

            // A write queued after the last look but before the role was released would otherwise wait for the next caller.
            if (_pending.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>Closes the writer's connection; a later write opens a new one.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _session, null)?.Dispose();
    }

    private void Commit(List<PendingWrite> batch)
    {
        try
        {
            var session = _session ??= new SqliteWriteSession(openWriter());
            using var transaction = session.Begin();
            if (batch is [var only])
            {
                // Alone in its transaction, a write needs no savepoint: its failure rolls the transaction back.
                if (only.ApplyAlone(session))
                {
                    transaction.Commit();
                }
            }
            else
            {
                foreach (var write in batch)
                {
                    write.Apply(session);
                }

                transaction.Commit();
            }
        }
        catch (Exception exception)
        {
            // Nothing of the batch was committed: every write fails with what stopped it, and the connection, which
            // may be what failed, is replaced.
            Interlocked.Exchange(ref _session, null)?.Dispose();
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }

        _writesSinceCheckpoint += batch.Count;
        if (_writesSinceCheckpoint >= WritesPerCheckpoint && Interlocked.CompareExchange(ref _checkpointing, 1, 0) == 0)
        {
            _writesSinceCheckpoint = 0;
            _ = Task.Run(Checkpoint);
        }
    }

    /// <summary>
    /// Copies the write-ahead log into the database on a connection of its own. Passive: it never waits for the writer
    /// or readers, and the writer never waits for it, so the fsyncs of a checkpoint stay out of every commit.
    /// </summary>
    private void Checkpoint()
    {
        try
        {
            using var connection = openReader();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A checkpoint that could not run is retried after the next thousand writes; the log only grows meanwhile.
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    private abstract class PendingWrite
    {
        public abstract void Apply(SqliteWriteSession session);

        /// <summary>Applies the write as the transaction's only one; false when it failed and rolled the transaction back.</summary>
        public abstract bool ApplyAlone(SqliteWriteSession session);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteWriteSession, T> write) : PendingWrite
    {
        private const string Savepoint = "write";
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _outcome.Task;

        public override void Apply(SqliteWriteSession session)
        {
            var transaction = session.Transaction;
            transaction.Save(Savepoint);
            try
            {
                _result = write(session);
            }
            catch (Exception exception)
            {
                _error = exception;
                transaction.Rollback(Savepoint);
            }

            transaction.Release(Savepoint);
        }

        public override bool ApplyAlone(SqliteWriteSession session)
        {
            try
            {
                _result = write(session);
                return true;
            }
            catch (Exception exception)
            {
                _error = exception;
                session.Transaction.Rollback();
                return false;
            }
        }

        public override void Complete()
        {
            if (_error is null)
            {
                _outcome.TrySetResult(_result!);
            }
            else
            {
                _outcome.TrySetException(_error);
            }
        }

        public override void Fail(Exception exception) => _outcome.TrySetException(exception);
    }
}

using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace O365Functions.Storage.Sqlite;

/// <summary>
/// Open connections for reading, each keeping its statements prepared, lent to one read at a time. A read on a
/// fresh pooled connection prepares its statement again and allocates a connection, a command and its statement list
/// every time; the gateway reads the same few statements all day (WAL: readers never wait for the writer).
/// </summary>
internal sealed class SqliteReaders(Func<SqliteConnection> open) : IDisposable
{
    // Enough for every core to read at once with some to spare; a read beyond it opens a connection it closes after.
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentBag<SqliteStatements> _idle = [];
    private int _idleCount;
    private bool _disposed;

    /// <summary>Runs <paramref name="read"/> on an idle session (or a new one) and takes the session back unless the read failed.</summary>
    public T Read<TState, T>(TState state, Func<SqliteStatements, TState, T> read)
    {
        var session = Rent();
        T result;
        try
        {
            result = read(session, state);
        }
        catch
        {
            // The connection may be what failed: it is closed rather than lent again.
            session.Dispose();
            throw;
        }

        Return(session);
        return result;
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private SqliteStatements Rent()
    {
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return new SqliteStatements(open());
    }

    private void Return(SqliteStatements session)
    {
        if (Volatile.Read(ref _disposed) || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
            return;
        }

        _idle.Add(session);
    }
}

/// <summary>
/// A connection and its statements, each prepared once and reused for the life of the connection, used by one caller
/// at a time: a reader lent by <see cref="SqliteReaders"/>, or the writer (<see cref="SqliteWriteSession"/>).
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    public SqliteConnection Connection => connection;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>; its parameters keep their last values until bound again.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}

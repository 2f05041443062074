using Microsoft.Data.Sqlite;

namespace O365Functions.Storage.Sqlite;

/// <summary>
/// The writer's connection and its current transaction, with each statement prepared once and reused for the life
/// of the connection: SQLite's parse of a small statement costs about as much as running it, and the writer runs the
/// same few statements all day.
/// </summary>
internal sealed class SqliteWriteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("No write transaction is open.");

    /// <summary>Opens the immediate (write-locked) transaction the next writes run in.</summary>
    public SqliteTransaction Begin() => _transaction = connection.BeginTransaction(deferred: false);

    /// <summary>The command for <paramref name="sql"/> in the current transaction, with no parameters bound yet.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
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

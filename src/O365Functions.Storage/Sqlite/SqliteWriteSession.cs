using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using O365Functions.Core.State;
using O365Functions.Storage.Entities;

namespace O365Functions.Storage.Sqlite;

/// <summary>
/// The writer's connection and its current transaction, with each statement prepared once and reused for the life
/// of the connection: SQLite's parse of a small statement costs about as much as running it, and the writer runs the
/// same few statements all day.
/// </summary>
internal sealed class SqliteWriteSession(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStatements _statements = new(connection);
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private Utf8JsonWriter? _jsonWriter;
    private SqliteTransaction? _transaction;

    public SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("No write transaction is open.");

    /// <summary>Opens the immediate (write-locked) transaction the next writes run in.</summary>
    public SqliteTransaction Begin() => _transaction = _statements.Connection.BeginTransaction(deferred: false);

    /// <summary>
    /// The command for <paramref name="sql"/> in the current transaction. Its parameters keep the values of its last
    /// run until <see cref="SqliteParameterBinding.Bind"/> sets them: a statement always binds the same names.
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        var command = _statements.Command(sql);
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>
    /// The entity's properties as the JSON its row holds, written through one buffer reused for every write, so that
    /// the only allocation is the finished value (the buffer keeps the size of the largest entity written).
    /// </summary>
    public byte[] PropertiesOf(StoredEntity entity)
    {
        _json.ResetWrittenCount();
        if (_jsonWriter is null)
        {
            _jsonWriter = new Utf8JsonWriter(_json, ODataEntityJson.WriterOptions);
        }
        else
        {
            _jsonWriter.Reset(_json);
        }

        ODataEntityJson.Write(_jsonWriter, entity);
        return _json.WrittenSpan.ToArray();
    }

    public void Dispose()
    {
        _jsonWriter?.Dispose();
        _statements.Dispose();
    }
}

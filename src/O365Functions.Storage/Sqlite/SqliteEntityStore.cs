using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using O365Functions.Core.State;

namespace O365Functions.Storage.Sqlite;

/// <summary>
/// The embedded entity store: one SQLite file holding every table, in WAL mode so that readers never wait for the
/// writer. It keeps the semantics of Table Storage (see <see cref="IEntityTable"/>), so code tested here behaves the
/// same on Azure.
/// </summary>
/// <remarks>
/// Commits use <c>synchronous=NORMAL</c>: in WAL mode a commit survives a crash of the process (the case the gateway
/// must survive), and the cost of an fsync per write is paid only at checkpoints. Connections come from
/// Microsoft.Data.Sqlite's pool; writes go through one queue that commits them in groups.
/// </remarks>
public sealed class SqliteEntityStore : IEntityStore, IDisposable
{
    /// <summary>The file the local gateway uses unless configured otherwise.</summary>
    public const string DefaultPath = ".data/gateway.db";

    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, Lazy<Task<IEntityTable>>> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opens (creating if needed) the store in the file at <paramref name="path"/>.</summary>
    public SqliteEntityStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        Writes = new SqliteWriteQueue(OpenWriter, Open);
        Reads = new SqliteReaders(Open);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async Task<IEntityTable> GetTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTableName(tableName);
        var creation = _tables.GetOrAdd(tableName, name => new Lazy<Task<IEntityTable>>(() => CreateTableAsync(name)));
        try
        {
            return await creation.Value.ConfigureAwait(false);
        }
        catch
        {
            // A creation that failed is tried again by the next caller.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<IEntityTable>>>(tableName, creation));
            throw;
        }
    }

    /// <summary>
    /// Creates the table through the writer like any other write: a second writer in this process would meet the
    /// writer's lock, and Microsoft.Data.Sqlite waits that out in 150 ms sleeps.
    /// </summary>
    private Task<IEntityTable> CreateTableAsync(string name) => Writes.WriteAsync<IEntityTable>(session =>
    {
        session.Command(
            $"""
            CREATE TABLE IF NOT EXISTS "{name}" (
                PartitionKey TEXT NOT NULL,
                RowKey TEXT NOT NULL,
                ETag TEXT NOT NULL,
                Timestamp TEXT NOT NULL,
                Properties BLOB NOT NULL,
                PRIMARY KEY (PartitionKey, RowKey)
            ) WITHOUT ROWID;
            """).ExecuteNonQuery();
        return new SqliteEntityTable(name, this);
    });

    /// <summary>The one writer of this process, committing queued writes in groups (<see cref="SqliteWriteQueue"/>).</summary>
    internal SqliteWriteQueue Writes { get; }

    /// <summary>Connections for reading, lent to one read at a time with their statements prepared (<see cref="SqliteReaders"/>).</summary>
    internal SqliteReaders Reads { get; }

    /// <summary>Closes the writer's and the idle readers' connections; pooled connections close with the pool.</summary>
    public void Dispose()
    {
        Writes.Dispose();
        Reads.Dispose();
    }

    /// <summary>A pooled connection for reading; every write goes through <see cref="Writes"/>.</summary>
    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        using var command = connection.CreateCommand();
        // Checkpoints run beside the writer (SqliteWriteQueue), not inside whichever commit crosses the threshold. The
        // busy timeout makes SQLite wait for another process's lock in steps of a few milliseconds;
        // Microsoft.Data.Sqlite's own wait for it is 150 ms.
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
        return connection;
    }
}

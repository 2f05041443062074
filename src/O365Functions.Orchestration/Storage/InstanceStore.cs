using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.History;

namespace O365Functions.Orchestration.Storage;

/// <summary>
/// Keeps workflow instances in two tables of the entity-store port. Each instance owns a partition of the history
/// table (its state row, its history in episode rows, its inbox rows), so one step commits atomically in one
/// transaction on SQLite and on Table Storage alike. The index table lists every instance with its status.
/// </summary>
internal sealed class InstanceStore
{
    /// <summary>Table Storage keeps at most 64 KiB in a string property; history is cut into parts well below it.</summary>
    public const int MaxCharactersPerProperty = 30_000;

    private const string IndexPartition = "instances";
    private const string HistoryPrefix = "h";
    private const string InboxPrefix = "m";
    private const int MaxActionsPerTransaction = 100;

    private readonly IEntityStore _store;
    private readonly string _historyTableName;
    private readonly string _indexTableName;
    private IEntityTable? _history;
    private IEntityTable? _index;

    public InstanceStore(IEntityStore store, string taskHubName)
    {
        _store = store;
        _historyTableName = taskHubName + "History";
        _indexTableName = taskHubName + "Index";
        EntityKeys.ValidateTableName(_historyTableName);
        EntityKeys.ValidateTableName(_indexTableName);
    }

    public async Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        var table = await HistoryTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync(instanceId, InstanceState.RowKey, cancellationToken).ConfigureAwait(false);
        return row is null ? null : InstanceState.FromEntity(row);
    }

    /// <summary>Reads state, history and inbox in one partition query; null when the instance does not exist.</summary>
    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var table = await HistoryTableAsync(cancellationToken).ConfigureAwait(false);
        InstanceState? state = null;
        var historyText = new StringBuilder();
        var history = new List<HistoryEvent>();
        var inbox = new List<InboxMessage>();
        string? episode = null;
        await foreach (var row in table.QueryAllAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith(HistoryPrefix, StringComparison.Ordinal))
            {
                var rowEpisode = row.RowKey[..row.RowKey.IndexOf('.', StringComparison.Ordinal)];
                if (episode is not null && rowEpisode != episode)
                {
                    history.AddRange(HistoryJson.DeserializeList(historyText.ToString()));
                    historyText.Clear();
                }

                episode = rowEpisode;
                historyText.Append(row.GetString("Events"));
            }
            else if (row.RowKey.StartsWith(InboxPrefix, StringComparison.Ordinal))
            {
                inbox.Add(new InboxMessage(row.RowKey, HistoryJson.Deserialize(row.GetString("Event") ?? string.Empty)));
            }
            else if (row.RowKey == InstanceState.RowKey)
            {
                state = InstanceState.FromEntity(row);
            }
        }

        if (historyText.Length > 0)
        {
            history.AddRange(HistoryJson.DeserializeList(historyText.ToString()));
        }

        return state is null ? null : new InstanceSnapshot(state, history, inbox);
    }

    /// <summary>
    /// Creates the instance with its first history episode and returns its stored state; null when an instance with
    /// that id already exists. The index line is written first, so an instance is never stored without being
    /// findable by recovery.
    /// </summary>
    public async Task<InstanceState?> CreateAsync(InstanceState state, HistoryEvent started, CancellationToken cancellationToken)
    {
        var table = await HistoryTableAsync(cancellationToken).ConfigureAwait(false);
        if (await table.GetEntityIfExistsAsync(state.InstanceId, InstanceState.RowKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        await WriteIndexAsync(IndexOf(state), cancellationToken).ConfigureAwait(false);
        var actions = new List<EntityChange> { new(EntityChangeKind.Add, state.ToEntity()) };
        actions.AddRange(HistoryRows(state.InstanceId, 0, [started]).Select(row => new EntityChange(EntityChangeKind.Add, row)));
        try
        {
            var etags = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return state with { ETag = etags[0] };
        }
        catch (EntityStoreException exception) when (exception.Error == EntityStoreError.AlreadyExists)
        {
            return null;
        }
    }

    /// <summary>
    /// Commits one step: the new state under the old state's ETag, the step's history as the next episode, and the
    /// removal of the inbox rows it consumed. Throws <see cref="EntityStoreException"/> with
    /// <see cref="EntityStoreError.PreconditionFailed"/> when another runtime took a step first.
    /// </summary>
    public async Task<InstanceState> CommitStepAsync(
        InstanceState previous, InstanceState next, IReadOnlyList<HistoryEvent> events, IReadOnlyList<InboxMessage> consumed, CancellationToken cancellationToken)
    {
        var table = await HistoryTableAsync(cancellationToken).ConfigureAwait(false);
        next = next with { Episodes = previous.Episodes + 1 };
        var actions = new List<EntityChange>
        {
            new(EntityChangeKind.UpdateReplace, next.ToEntity(), previous.ETag),
        };
        actions.AddRange(HistoryRows(next.InstanceId, previous.Episodes, events).Select(row => new EntityChange(EntityChangeKind.Add, row)));
        if (actions.Count > MaxActionsPerTransaction)
        {
            throw new InvalidOperationException(
                $"One step of workflow instance '{next.InstanceId}' produced {events.Count} history events, more than one transaction can hold. " +
                "Split large fan-outs into sub-workflows.");
        }

        var stored = consumed.Where(message => message.IsStored).ToList();
        var deleteInSameTransaction = actions.Count + stored.Count <= MaxActionsPerTransaction;
        if (deleteInSameTransaction)
        {
            actions.AddRange(stored.Select(message => new EntityChange(EntityChangeKind.Delete, new StoredEntity(next.InstanceId, message.RowKey!))));
        }

        var etags = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        if (!deleteInSameTransaction)
        {
            await DeleteMessagesAsync(next.InstanceId, stored, cancellationToken).ConfigureAwait(false);
        }

        return next with { ETag = etags[0] };
    }

    /// <summary>Adds a message to an instance's inbox. Messages are ordered by arrival; duplicates are dropped when consumed.</summary>
    public async Task AppendMessageAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        var table = await HistoryTableAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{InboxPrefix}{DateTime.UtcNow.Ticks:D19}.{message.MessageId}");
        var row = new StoredEntity(instanceId, rowKey) { ["Event"] = HistoryJson.Serialize(message) };
        await table.UpsertEntityAsync(row, EntityUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the inbox rows of messages that need no step (duplicates, or messages for a finished instance).</summary>
    public async Task DeleteMessagesAsync(string instanceId, IEnumerable<InboxMessage> messages, CancellationToken cancellationToken)
    {
        var table = await HistoryTableAsync(cancellationToken).ConfigureAwait(false);
        foreach (var message in messages.Where(message => message.IsStored))
        {
            await table.DeleteEntityAsync(instanceId, message.RowKey!, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task WriteIndexAsync(IndexEntry entry, CancellationToken cancellationToken)
    {
        var table = await IndexTableAsync(cancellationToken).ConfigureAwait(false);
        var row = new StoredEntity(IndexPartition, entry.InstanceId)
        {
            ["Name"] = entry.Name,
            ["Status"] = entry.Status.ToString(),
            ["CreatedAt"] = entry.CreatedAt,
            ["LastUpdatedAt"] = entry.LastUpdatedAt,
        };
        await table.UpsertEntityAsync(row, EntityUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public static IndexEntry IndexOf(InstanceState state) => new(state.InstanceId, state.Name, state.Status, state.CreatedAt, state.LastUpdatedAt);

    /// <summary>Every index line, in instance-id order.</summary>
    public IAsyncEnumerable<IndexEntry> ReadIndexAsync(CancellationToken cancellationToken) => ReadIndexAsync(instanceIdPrefix: null, cancellationToken);

    /// <summary>The index lines of the instances whose ids start with <paramref name="instanceIdPrefix"/> (all when null), in instance-id order, read as one range.</summary>
    public async IAsyncEnumerable<IndexEntry> ReadIndexAsync(string? instanceIdPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await IndexTableAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in table.QueryAllAsync(IndexPartition, instanceIdPrefix is { Length: > 0 } ? instanceIdPrefix : null, cancellationToken).ConfigureAwait(false))
        {
            yield return new IndexEntry(
                row.RowKey,
                row.GetString("Name") ?? string.Empty,
                Enum.Parse<WorkflowRuntimeStatus>(row.GetString("Status") ?? nameof(WorkflowRuntimeStatus.Pending)),
                row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                row.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue);
        }
    }

    /// <summary>
    /// The finished instances, as of now. The index is written after an instance's own state, so a line that still
    /// says running is checked against the instance (and repaired); a line that says finished is final.
    /// </summary>
    public async IAsyncEnumerable<IndexEntry> ReadFinishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in ReadIndexAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsFinished)
            {
                yield return entry;
            }
            else if (await GetStateAsync(entry.InstanceId, cancellationToken).ConfigureAwait(false) is { IsFinished: true } state)
            {
                var current = IndexOf(state);
                await WriteIndexAsync(current, cancellationToken).ConfigureAwait(false);
                yield return current;
            }
        }
    }

    public async Task DeleteIndexAsync(string instanceId, CancellationToken cancellationToken)
    {
        var table = await IndexTableAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(IndexPartition, instanceId, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a finished instance's partition, then its index line; false when it is missing or still running.</summary>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var table = await HistoryTableAsync(cancellationToken).ConfigureAwait(false);
        var state = await GetStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state is null || !state.IsFinished)
        {
            return false;
        }

        var rows = new List<StoredEntity>();
        await foreach (var row in table.QueryAllAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        // The state row goes last, so an interrupted purge leaves a finished instance that a later purge completes.
        var ordered = rows.Where(row => row.RowKey != InstanceState.RowKey).Concat(rows.Where(row => row.RowKey == InstanceState.RowKey));
        foreach (var batch in ordered.Chunk(MaxActionsPerTransaction))
        {
            await table.SubmitTransactionAsync(
                batch.Select(row => new EntityChange(EntityChangeKind.Delete, row)).ToList(),
                cancellationToken).ConfigureAwait(false);
        }

        await DeleteIndexAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static IEnumerable<StoredEntity> HistoryRows(string instanceId, int episode, IReadOnlyList<HistoryEvent> events)
    {
        var json = HistoryJson.Serialize(events);
        var part = 0;
        for (var start = 0; start < json.Length; start += MaxCharactersPerProperty, part++)
        {
            var rowKey = string.Create(CultureInfo.InvariantCulture, $"{HistoryPrefix}{episode:D9}.{part:D4}");
            yield return new StoredEntity(instanceId, rowKey)
            {
                ["Events"] = json.Substring(start, Math.Min(MaxCharactersPerProperty, json.Length - start)),
            };
        }
    }

    private async ValueTask<IEntityTable> HistoryTableAsync(CancellationToken cancellationToken) =>
        _history ??= await _store.GetTableAsync(_historyTableName, cancellationToken).ConfigureAwait(false);

    private async ValueTask<IEntityTable> IndexTableAsync(CancellationToken cancellationToken) =>
        _index ??= await _store.GetTableAsync(_indexTableName, cancellationToken).ConfigureAwait(false);
}

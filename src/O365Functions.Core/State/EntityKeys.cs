using System.Text.RegularExpressions;

namespace O365Functions.Core.State;

/// <summary>
/// The rules keys, table names and transactions must follow in every store, taken from Table Storage's limits so
/// that what works on SQLite also works on Azure.
/// </summary>
public static partial class EntityKeys
{
    /// <summary>The longest key Table Storage accepts, in UTF-16 characters (1 KiB).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>The most actions one transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Throws <see cref="EntityStoreError.InvalidInput"/> unless both keys are allowed.</summary>
    public static void Validate(string partitionKey, string rowKey)
    {
        ValidateKey(partitionKey, "partition key");
        ValidateKey(rowKey, "row key");
    }

    /// <summary>Throws <see cref="EntityStoreError.InvalidInput"/> unless the table name is allowed.</summary>
    public static void ValidateTableName(string tableName)
    {
        if (tableName is null || !TableNamePattern().IsMatch(tableName))
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                $"Table name '{tableName}' is not allowed: use 3 to 63 letters and digits, starting with a letter.");
        }
    }

    /// <summary>
    /// Throws <see cref="EntityStoreError.InvalidInput"/> unless the actions form a valid entity-group transaction:
    /// 1 to 100 actions, one partition, each entity once.
    /// </summary>
    public static void ValidateTransaction(IReadOnlyList<EntityChange> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                $"A transaction holds 1 to {MaxTransactionActions} actions; this one has {actions.Count}. Split it.");
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var entity = actions[i].Entity;
            Validate(entity.PartitionKey, entity.RowKey);
            if (!string.Equals(entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new EntityStoreException(EntityStoreError.InvalidInput,
                    $"Action {i} is on partition '{entity.PartitionKey}', but a transaction works on one partition ('{partition}').")
                {
                    FailedActionIndex = i,
                };
            }

            if (!rows.Add(entity.RowKey))
            {
                throw new EntityStoreException(EntityStoreError.InvalidInput,
                    $"Action {i} touches row '{entity.RowKey}' again; a transaction may touch each entity once.")
                {
                    FailedActionIndex = i,
                };
            }
        }
    }

    /// <summary>
    /// Checks a row-key prefix and gives the first key after every key that starts with it (the prefix with its last
    /// character raised by one), so a prefix read is the range [prefix, end) in ordinal order.
    /// </summary>
    public static string PrefixEnd(string rowKeyPrefix)
    {
        ValidateKey(rowKeyPrefix, "row key prefix");
        if (rowKeyPrefix.Length == 0 || rowKeyPrefix[^1] == char.MaxValue)
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                "A row key prefix needs at least one character, and its last may not be U+FFFF; read the whole partition instead.");
        }

        return string.Concat(rowKeyPrefix.AsSpan(0, rowKeyPrefix.Length - 1), ((char)(rowKeyPrefix[^1] + 1)).ToString());
    }

    private static void ValidateKey(string key, string what)
    {
        if (key is null)
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput, $"The {what} is missing.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                $"The {what} is {key.Length} characters long; at most {MaxKeyLength} are allowed.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new EntityStoreException(EntityStoreError.InvalidInput,
                    $"The {what} contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}', which Table Storage does not allow " +
                    "in keys (/, \\, #, ? and control characters). Encode the value first.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}

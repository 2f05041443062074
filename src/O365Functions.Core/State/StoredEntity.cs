namespace O365Functions.Core.State;

/// <summary>
/// One row of an entity table: a partition key, a row key, typed properties and the ETag the store gave it.
/// </summary>
/// <remarks>
/// Property values are limited to the types Table Storage can hold, so that an entity written to SQLite reads back
/// the same from Azure: <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="DateTimeOffset"/>, <see cref="Guid"/> and <see cref="byte"/> arrays.
/// A <see cref="DateTime"/> is stored as a UTC <see cref="DateTimeOffset"/>.
/// </remarks>
public sealed class StoredEntity
{
    private readonly Dictionary<string, object> _properties;

    /// <summary>Creates an entity with the given keys and no properties.</summary>
    public StoredEntity(string partitionKey, string rowKey)
        : this(partitionKey, rowKey, capacity: 0)
    {
    }

    /// <summary>Creates an entity with the given keys and room for <paramref name="capacity"/> properties, as a store reading a row knows.</summary>
    public StoredEntity(string partitionKey, string rowKey, int capacity)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
        _properties = new Dictionary<string, object>(capacity, StringComparer.Ordinal);
    }

    /// <summary>The partition key: entities sharing it can be queried together and changed in one transaction.</summary>
    public string PartitionKey { get; }

    /// <summary>The row key, unique within the partition.</summary>
    public string RowKey { get; }

    /// <summary>The version the store last gave this entity; pass it back to make a write conditional.</summary>
    public EntityTag? ETag { get; set; }

    /// <summary>When the store last wrote the entity.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The properties, by name (case-sensitive, as in Table Storage).</summary>
    public IReadOnlyDictionary<string, object> Properties => _properties;

    /// <summary>Gets or sets a property; setting <see langword="null"/> removes it.</summary>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            _properties[name] = Normalize(name, value);
        }
    }

    /// <summary>A string property, or <see langword="null"/>.</summary>
    public string? GetString(string name) => this[name] as string;

    /// <summary>An integer property (32- or 64-bit), or <see langword="null"/>.</summary>
    public long? GetInt64(string name) => this[name] switch { long l => l, int i => i, _ => null };

    /// <summary>A 32-bit integer property, or <see langword="null"/>.</summary>
    public int? GetInt32(string name) => this[name] switch { int i => i, long l and >= int.MinValue and <= int.MaxValue => (int)l, _ => null };

    /// <summary>A Boolean property, or <see langword="null"/>.</summary>
    public bool? GetBoolean(string name) => this[name] as bool?;

    /// <summary>A date property, or <see langword="null"/>.</summary>
    public DateTimeOffset? GetDateTimeOffset(string name) => this[name] as DateTimeOffset?;

    /// <summary>A copy with the same keys, properties and ETag.</summary>
    public StoredEntity Clone()
    {
        var copy = new StoredEntity(PartitionKey, RowKey, _properties.Count) { ETag = ETag, Timestamp = Timestamp };
        foreach (var (name, value) in _properties)
        {
            copy._properties[name] = value is byte[] bytes ? bytes.ToArray() : value;
        }

        return copy;
    }

    private static object Normalize(string name, object value) => value switch
    {
        string or bool or int or long or double or Guid or byte[] => value,
        DateTimeOffset { Offset.Ticks: 0 } => value,
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime()),
        float f => (double)f,
        short or byte or sbyte or ushort => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
        uint u => (long)u,
        Enum e => e.ToString(),
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}, which an entity table cannot store. " +
            "Use string, bool, int, long, double, DateTimeOffset, Guid or byte[].", nameof(value)),
    };
}

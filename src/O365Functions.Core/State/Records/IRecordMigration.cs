using System.Text.Json.Nodes;

namespace O365Functions.Core.State.Records;

/// <summary>
/// Rewrites the stored JSON of one record kind from one schema version to the next, so that a gateway reads what an
/// older gateway wrote. Migrations run on read, in order; the next write stores the current version.
/// </summary>
public interface IRecordMigration
{
    /// <summary>The record kind (the record type's name) this migration applies to.</summary>
    string Kind { get; }

    /// <summary>The version it reads; it produces <c>FromVersion + 1</c>.</summary>
    int FromVersion { get; }

    /// <summary>Rewrites <paramref name="record"/> in place.</summary>
    void Migrate(JsonObject record);
}

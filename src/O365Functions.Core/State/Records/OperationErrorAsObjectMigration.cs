using System.Text.Json.Nodes;

namespace O365Functions.Core.State.Records;

/// <summary>
/// Schema 1 to 2: an operation's error was a bare sentence; it became an object naming the step and Microsoft's
/// code, so that a provider knows what failed and what to do. Old sentences keep their text with an unknown step.
/// </summary>
public sealed class OperationErrorAsObjectMigration : IRecordMigration
{
    /// <inheritdoc />
    public string Kind => nameof(OperationRecord);

    /// <inheritdoc />
    public int FromVersion => 1;

    /// <inheritdoc />
    public void Migrate(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record["error"] is JsonValue text && text.TryGetValue<string>(out var message))
        {
            record["error"] = new JsonObject { ["step"] = null, ["code"] = "Unknown", ["message"] = message };
        }
    }
}

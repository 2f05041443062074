namespace O365Functions.Core.State;

/// <summary>The set of entity tables of one gateway: Table Storage in Azure, an SQLite file locally.</summary>
public interface IEntityStore
{
    /// <summary>Returns the table, creating it first if it does not exist.</summary>
    Task<IEntityTable> GetTableAsync(string tableName, CancellationToken cancellationToken = default);
}

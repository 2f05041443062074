using Azure.Core;

namespace O365Functions.Storage.TableStorage;

/// <summary>
/// Pipeline options of the Table Storage client: retries (exponential, on 408, 429, 5xx and transport faults),
/// transport and diagnostics come from Azure.Core's <see cref="ClientOptions"/>.
/// </summary>
public sealed class TableStorageClientOptions : ClientOptions
{
    /// <summary>The Table service REST version sent with every request.</summary>
    public string ServiceVersion { get; set; } = "2019-02-02";
}

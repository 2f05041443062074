using System.Text.Json.Serialization;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.State.Records;

/// <summary>Where a user is, as its record says.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<UserStatus>))]
public enum UserStatus
{
    /// <summary>Accepted; the workflow creates the user and assigns its licenses.</summary>
    Provisioning,

    /// <summary>Created with its licenses.</summary>
    Active,
}

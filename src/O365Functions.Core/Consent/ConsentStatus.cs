using System.Text.Json.Serialization;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.Consent;

/// <summary>An application instance's <c>authenticationStatus</c>: whether the partner's consent holds.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ConsentStatus>))]
public enum ConsentStatus
{
    /// <summary>No refresh token was tried yet.</summary>
    NotAuthenticated,

    /// <summary>A token exchange succeeded with the stored refresh token.</summary>
    Authenticated,

    /// <summary>Microsoft refused the refresh token; a partner admin must consent again.</summary>
    ConsentRequired,
}

namespace O365Functions.PartnerCenter.Models;

/// <summary>
/// A partner on record of a cart line item: in the indirect model the reseller's MPN ID as
/// <see cref="TransactionReseller"/>. The wire shape (key and value) follows the SDK's serialization, which
/// Microsoft's documentation does not show.
/// </summary>
/// <param name="Key">The participant type.</param>
/// <param name="Value">The partner's MPN ID.</param>
public sealed record CartParticipant(string Key, string Value)
{
    /// <summary>The reseller of record of the transaction.</summary>
    public const string TransactionReseller = "transaction_reseller";
}

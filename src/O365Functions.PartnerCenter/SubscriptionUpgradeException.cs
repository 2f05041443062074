using O365Functions.PartnerCenter.Models;

namespace O365Functions.PartnerCenter;

/// <summary>
/// Partner Center answered an upgrade with 200 but listed upgrade or license-transfer errors: the upgrade is not done
/// as asked. The message carries Microsoft's codes and descriptions; <see cref="Result"/> what it did do (a target
/// subscription may exist).
/// </summary>
public sealed class SubscriptionUpgradeException : Exception
{
    /// <summary>Creates the exception for <paramref name="result"/>.</summary>
    public SubscriptionUpgradeException(string subscriptionId, UpgradeResult result)
        : base(Describe(subscriptionId, result)) => Result = result;

    /// <summary>Creates the exception with a default message.</summary>
    public SubscriptionUpgradeException()
        : base("Partner Center did not complete the upgrade.") => Result = new UpgradeResult();

    /// <summary>Creates the exception with a message.</summary>
    public SubscriptionUpgradeException(string message)
        : base(message) => Result = new UpgradeResult();

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SubscriptionUpgradeException(string message, Exception innerException)
        : base(message, innerException) => Result = new UpgradeResult();

    /// <summary>What Partner Center answered.</summary>
    public UpgradeResult Result { get; }

    private static string Describe(string subscriptionId, UpgradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reasons = result.UpgradeErrors.Select(e => $"{e.Code}: {e.Description}")
            .Concat(result.LicenseErrors.Select(user =>
                $"licenses of {user.Name ?? user.Email ?? user.UserObjectId} were not transferred ({string.Join("; ", user.Errors.Select(e => $"{e.Code}: {e.Description}"))})"));
        var target = result.TargetSubscriptionId is null ? string.Empty : $" Target subscription {result.TargetSubscriptionId} exists; check it before trying again.";
        return $"Partner Center did not complete the upgrade of subscription {subscriptionId}: {string.Join("; ", reasons)}.{target}";
    }
}

using O365Functions.Core.Provisioning;

namespace O365Functions.Core.Tests.Provisioning;

public sealed class ProvisioningOptionsTests
{
    [Fact]
    public void Activation_is_first_looked_at_after_two_seconds_and_backs_off_to_five_minutes()
    {
        var timings = new ProvisioningOptions().Timings();

        // Microsoft often activates within a second: a first look at 15 s made every tenant take over 30 s.
        Assert.Equal(TimeSpan.FromSeconds(2), timings.ActivationPollInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), ProvisioningTimings.MaxActivationPollInterval);
    }
}

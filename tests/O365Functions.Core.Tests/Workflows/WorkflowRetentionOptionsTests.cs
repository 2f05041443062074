using O365Functions.Core.Workflows.Maintenance;

namespace O365Functions.Core.Tests.Workflows;

public sealed class WorkflowRetentionOptionsTests
{
    [Fact]
    public void An_absent_setting_keeps_thirty_days()
    {
        Assert.Equal(30, WorkflowRetentionOptions.FromSetting(null).HistoryRetentionDays);
    }

    [Fact]
    public void A_whole_number_of_days_is_taken()
    {
        Assert.Equal(7, WorkflowRetentionOptions.FromSetting("7").HistoryRetentionDays);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("a week")]
    public void Anything_else_is_refused_naming_the_setting_and_the_value(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => WorkflowRetentionOptions.FromSetting(value));

        Assert.Contains(WorkflowRetentionOptions.Setting, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }
}

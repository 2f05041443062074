using O365Functions.Api.Aps.Phases;

namespace O365Functions.Api.UnitTests.Aps;

/// <summary>Operation ids: what they are made of, and reading the kind and start back from them (the console's history does).</summary>
public sealed class ApsOperationRequestTests
{
    [Theory]
    [InlineData("i1_t1_configure_ab12", "configure", 1)]
    [InlineData("i1_t1_configure_ab12_2", "configure", 2)]
    [InlineData("i1_t1_provision_ab12_17", "provision", 17)]
    public void An_operation_id_of_the_resource_reads_back_as_its_kind_and_start(string id, string kind, int generation)
    {
        Assert.True(ApsOperationRequest.TryReadId(id, "i1", "t1", out var readKind, out var readGeneration));

        Assert.Equal((kind, generation), (readKind, readGeneration));
    }

    [Theory]
    [InlineData("i1_t2_configure_ab12")]
    [InlineData("i2_t1_configure_ab12")]
    [InlineData("x_i1_t1_configure_ab12")]
    [InlineData("i1_t1_configure")]
    [InlineData("i1_t1_configure_ab12_1")]
    [InlineData("i1_t1_configure_ab12_0")]
    [InlineData("i1_t1_configure_ab12_x")]
    [InlineData("i1_t1_configure_ab12_+3")]
    [InlineData("i1_t1_configure_ab12_2_3")]
    public void Any_other_id_is_not_read_and_reads_as_nothing(string id)
    {
        Assert.False(ApsOperationRequest.TryReadId(id, "i1", "t1", out var kind, out var generation));

        Assert.Equal((string.Empty, 0), (kind, generation));
    }

    [Fact]
    public void A_change_s_first_start_has_the_change_s_id_and_later_starts_add_their_number()
    {
        var request = new ApsOperationRequest("i1", "t1", "configure", "ChangeTenant", null, "five seats"u8.ToArray());

        var id = request.WorkflowInstanceId;

        Assert.Matches("^i1_t1_configure_[0-9a-f]{32}$", id);
        Assert.Equal(id, ApsOperationRequest.GenerationId(id, 1));
        Assert.Equal($"{id}_3", ApsOperationRequest.GenerationId(id, 3));
        Assert.NotEqual(id, (request with { Change = "six seats"u8.ToArray() }).WorkflowInstanceId);
        Assert.Equal(id, new ApsOperationRequest("i1", "t1", "configure", "Other", 42, "five seats"u8.ToArray()).WorkflowInstanceId);
    }
}

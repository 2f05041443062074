using O365Functions.Core.Catalog;

namespace O365Functions.Core.Tests.Catalog;

public sealed class PurchasePlanResolverTests
{
    [Fact]
    public void Plan_lists_license_before_its_addon_whatever_the_request_order()
    {
        var resolver = new PurchasePlanResolver(StarterCatalog.Create());

        var result = resolver.Resolve([new("SHAREPOINTSTORAGE", 10), new("O365_BUSINESS_PREMIUM", 5)]);

        Assert.True(result.IsValid);
        Assert.Equal(["O365_BUSINESS_PREMIUM", "SHAREPOINTSTORAGE"], result.Plan.Purchases.Select(p => p.Offer.ProvisioningId));
        Assert.Equal("O365_BUSINESS_PREMIUM", result.Plan.Purchases[1].ParentProvisioningId);
        Assert.Equal([5, 10], result.Plan.Purchases.Select(p => p.Quantity));
    }

    [Fact]
    public void Addon_of_an_addon_is_planned_after_its_whole_chain()
    {
        var resolver = new CatalogBuilder().License("L").Addon("A1", "L").Addon("A2", "A1").Addon("A3", "A2").Resolver();

        var result = resolver.Resolve(CatalogBuilder.Request("A3", "A1", "A2", "L"));

        Assert.True(result.IsValid);
        Assert.Equal(["L", "A1", "A2", "A3"], result.Plan.Purchases.Select(p => p.Offer.ProvisioningId));
        Assert.Equal([null, "L", "A1", "A2"], result.Plan.Purchases.Select(p => p.ParentProvisioningId));
        Assert.Equal([0, 1, 2, 3], result.Plan.Purchases.Select(p => p.Depth));
    }

    [Fact]
    public void Missing_top_level_ancestor_is_named_for_a_deep_addon()
    {
        var resolver = new CatalogBuilder().License("L").Addon("A1", "L").Addon("A2", "A1").Resolver();

        var result = resolver.Resolve(CatalogBuilder.Request("A1", "A2"));

        Assert.False(result.IsValid);
        var deep = Assert.Single(result.Errors, e => e.ProvisioningId == "A2");
        Assert.Equal(CatalogErrorCode.MissingAncestor, deep.Code);
        Assert.Equal(["L"], deep.Offers);
        Assert.Contains("'L'", deep.Message, StringComparison.Ordinal);
        Assert.Contains("'A1'", deep.Message, StringComparison.Ordinal);
        var direct = Assert.Single(result.Errors, e => e.ProvisioningId == "A1");
        Assert.Equal(["L"], direct.Offers);
    }

    [Fact]
    public void Missing_direct_parent_is_named()
    {
        var resolver = new PurchasePlanResolver(StarterCatalog.Create());

        var result = resolver.Resolve([new("ATP_ENTERPRISE", 3)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(CatalogErrorCode.MissingAncestor, error.Code);
        Assert.Equal("ATP_ENTERPRISE", error.ProvisioningId);
        Assert.Equal(["O365_BUSINESS_PREMIUM"], error.Offers);
    }

    [Fact]
    public void Addon_with_several_possible_parents_names_them_all_when_none_is_ordered()
    {
        var resolver = new PurchasePlanResolver(StarterCatalog.Create());

        var result = resolver.Resolve([new("MCOEV", 1), new("O365_BUSINESS_PREMIUM", 1)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(["MCOSTANDARD", "STANDARDPACK", "ENTERPRISEPACK"], error.Offers);
        Assert.Contains("one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Addon_binds_to_the_first_possible_parent_in_the_order()
    {
        var resolver = new PurchasePlanResolver(StarterCatalog.Create());

        var result = resolver.Resolve([new("ENTERPRISEPACK", 2), new("MCOEV", 1), new("STANDARDPACK", 4)]);

        Assert.True(result.IsValid);
        var phone = Assert.Single(result.Plan.Purchases, p => p.Offer.ProvisioningId == "MCOEV");
        Assert.Equal("STANDARDPACK", phone.ParentProvisioningId);
        Assert.Equal(["ENTERPRISEPACK", "STANDARDPACK", "MCOEV"], result.Plan.Purchases.Select(p => p.Offer.ProvisioningId));
    }

    [Fact]
    public void Addon_skips_a_present_parent_whose_own_chain_is_broken()
    {
        var resolver = new CatalogBuilder().License("L1").License("L2").Addon("B", "L1").Addon("A", "B", "L2").Resolver();

        var result = resolver.Resolve(CatalogBuilder.Request("B", "A", "L2"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("B", error.ProvisioningId);
        var withL1 = resolver.Resolve(CatalogBuilder.Request("A", "L2"));
        Assert.True(withL1.IsValid);
        Assert.Equal("L2", Assert.Single(withL1.Plan.Purchases, p => p.Offer.ProvisioningId == "A").ParentProvisioningId);
    }

    [Fact]
    public void Two_addon_cycle_is_rejected_with_the_loop_named()
    {
        var resolver = new CatalogBuilder().License("L").Addon("A", "B").Addon("B", "A").Resolver();

        var result = resolver.Resolve(CatalogBuilder.Request("L", "A"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(CatalogErrorCode.ParentCycle, error.Code);
        Assert.Equal(["A", "B", "A"], error.Offers);
        Assert.Contains("A -> B -> A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_parent_is_a_cycle()
    {
        var resolver = new CatalogBuilder().License("L").Addon("A", "A", "L").Resolver();

        var result = resolver.Resolve(CatalogBuilder.Request("L", "A"));

        Assert.Equal(CatalogErrorCode.ParentCycle, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Cycle_further_up_the_chain_is_rejected_even_when_another_parent_would_do()
    {
        var resolver = new CatalogBuilder().License("L").Addon("A", "L", "B").Addon("B", "C").Addon("C", "B").Resolver();

        var result = resolver.Resolve(CatalogBuilder.Request("L", "A"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(CatalogErrorCode.ParentCycle, error.Code);
        Assert.Equal(["B", "C", "B"], error.Offers);
    }

    [Fact]
    public void Unknown_provisioning_id_is_rejected_by_name()
    {
        var resolver = new PurchasePlanResolver(StarterCatalog.Create());

        var result = resolver.Resolve([new("NOT_AN_OFFER", 1)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(CatalogErrorCode.UnknownOffer, error.Code);
        Assert.Contains("'NOT_AN_OFFER'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_provisioning_id_is_rejected(string id)
    {
        var result = new PurchasePlanResolver(StarterCatalog.Create()).Resolve([new(id, 1)]);

        Assert.Equal(CatalogErrorCode.UnknownOffer, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Same_offer_twice_in_a_request_is_rejected_regardless_of_case()
    {
        var result = new PurchasePlanResolver(StarterCatalog.Create())
            .Resolve([new("O365_BUSINESS_PREMIUM", 1), new("o365_business_premium", 2)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(CatalogErrorCode.DuplicateRequest, error.Code);
    }

    [Fact]
    public void Provisioning_id_defined_twice_in_the_catalog_is_rejected_when_ordered()
    {
        var resolver = new CatalogBuilder().License("L").License("L").License("M").Resolver();

        Assert.Equal(CatalogErrorCode.DuplicateDefinition, Assert.Single(resolver.Resolve(CatalogBuilder.Request("L")).Errors).Code);
        Assert.True(resolver.Resolve(CatalogBuilder.Request("M")).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(301)]
    [InlineData(-1)]
    public void Quantity_outside_the_offer_bounds_is_rejected_with_the_bounds(int quantity)
    {
        var result = new PurchasePlanResolver(StarterCatalog.Create()).Resolve([new("O365_BUSINESS_PREMIUM", quantity)]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(CatalogErrorCode.QuantityOutOfRange, error.Code);
        Assert.Contains("from 1 to 300", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    public void Quantity_at_either_bound_is_accepted(int quantity)
    {
        Assert.True(new PurchasePlanResolver(StarterCatalog.Create()).Resolve([new("O365_BUSINESS_PREMIUM", quantity)]).IsValid);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = new PurchasePlanResolver(StarterCatalog.Create())
            .Resolve([new("NOPE", 1), new("ATP_ENTERPRISE", 1), new("ENTERPRISEPACK", 0)]);

        Assert.Equal(
            [CatalogErrorCode.UnknownOffer, CatalogErrorCode.MissingAncestor, CatalogErrorCode.QuantityOutOfRange],
            result.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public void Addon_without_any_parent_definition_can_never_be_ordered()
    {
        var resolver = new CatalogBuilder().License("L").Addon("ORPHAN").Resolver();

        var error = Assert.Single(resolver.Resolve(CatalogBuilder.Request("L", "ORPHAN")).Errors);

        Assert.Equal(CatalogErrorCode.MissingAncestor, error.Code);
        Assert.Contains("no possible parent offers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_may_get_assignable_licenses()
    {
        var resolver = new PurchasePlanResolver(StarterCatalog.Create());

        Assert.Empty(resolver.ValidateUserLicenses(["O365_BUSINESS_PREMIUM", "EXCHANGEARCHIVE_ADDON"]));
    }

    [Fact]
    public void User_license_that_is_not_assignable_is_rejected_by_name()
    {
        var resolver = new PurchasePlanResolver(StarterCatalog.Create());

        var errors = resolver.ValidateUserLicenses(["O365_BUSINESS_PREMIUM", "SHAREPOINTSTORAGE", "MISSING", "O365_BUSINESS_PREMIUM"]);

        Assert.Equal(
            [(CatalogErrorCode.NotAssignable, "SHAREPOINTSTORAGE"), (CatalogErrorCode.UnknownOffer, "MISSING"), (CatalogErrorCode.DuplicateRequest, "O365_BUSINESS_PREMIUM")],
            errors.Select(e => (e.Code, e.ProvisioningId)));
    }
}

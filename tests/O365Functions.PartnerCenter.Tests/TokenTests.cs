using O365Functions.PartnerCenter.Auth;

namespace O365Functions.PartnerCenter.Tests;

public sealed class TokenTests
{
    [Fact]
    public async Task Every_exchange_stores_the_rotated_refresh_token()
    {
        await using var side = await MicrosoftSide.StartAsync();

        var partnerCenter = await side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter);
        var afterFirst = (await side.Secrets.GetAsync(side.TokenOptions.RefreshTokenName))!.Reveal();
        var graph = await side.Tokens.GetTokenAsync(TokenAudiences.Graph);
        var afterSecond = (await side.Secrets.GetAsync(side.TokenOptions.RefreshTokenName))!.Reveal();

        Assert.NotEqual(side.Emulator.Options.InitialRefreshToken, afterFirst);
        Assert.NotEqual(afterFirst, afterSecond);
        Assert.NotEqual(partnerCenter.Reveal(), graph.Reveal());
        Assert.Equal(3, side.Emulator.Snapshot().RefreshTokensIssued);
    }

    [Fact]
    public async Task Cached_tokens_are_reused_until_shortly_before_expiry()
    {
        await using var side = await MicrosoftSide.StartAsync();

        var first = await side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter);
        var second = await side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter);
        var customerTenant = await side.Tokens.GetTokenAsync(TokenAudiences.Graph, "33333333-3333-3333-3333-333333333333");

        Assert.Same(first, second);
        Assert.NotSame(first, customerTenant);
        Assert.Equal(3, side.Emulator.Snapshot().RefreshTokensIssued);
    }

    [Fact]
    public async Task A_refresh_token_idle_past_its_lifetime_asks_for_consent_instead_of_retrying()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter);

        side.Emulator.Clock.Advance(TimeSpan.FromDays(91));
        side.Tokens.Forget(TokenAudiences.PartnerCenter);
        var refused = await Assert.ThrowsAsync<ConsentRequiredException>(() => side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter).AsTask());

        Assert.Equal(ConsentProblem.ExpiredByInactivity, refused.Problem);
        Assert.Equal("AADSTS700082", refused.EntraErrorCode);
        Assert.Contains("90 days", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, side.Emulator.Snapshot().Calls["POST /{tenant}/oauth2/token"]);
    }

    [Fact]
    public async Task Using_the_rotated_token_keeps_the_chain_alive_past_ninety_days()
    {
        await using var side = await MicrosoftSide.StartAsync();

        for (var month = 0; month < 5; month++)
        {
            side.Emulator.Clock.Advance(TimeSpan.FromDays(60));
            side.Tokens.Forget(TokenAudiences.PartnerCenter);
            await side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter);
        }

        Assert.Equal(TimeSpan.FromDays(300), side.Emulator.Clock.Offset);
    }

    [Fact]
    public async Task A_revoked_refresh_token_asks_for_consent()
    {
        await using var side = await MicrosoftSide.StartAsync();
        side.Emulator.RevokeRefreshTokens();

        var refused = await Assert.ThrowsAsync<ConsentRequiredException>(() => side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter).AsTask());

        Assert.Equal(ConsentProblem.Revoked, refused.Problem);
    }

    [Fact]
    public async Task No_stored_refresh_token_asks_for_consent()
    {
        await using var side = await MicrosoftSide.StartAsync();
        side.TokenOptions.RefreshTokenName = "never-stored";
        using var tokens = new SecureApplicationTokenSource(new HttpClient(), side.Secrets, side.TokenOptions);

        var refused = await Assert.ThrowsAsync<ConsentRequiredException>(() => tokens.GetTokenAsync(TokenAudiences.PartnerCenter).AsTask());

        Assert.Equal(ConsentProblem.NoRefreshToken, refused.Problem);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_a_configuration_error_that_reveals_no_secret()
    {
        await using var side = await MicrosoftSide.StartAsync();
        await side.Secrets.SetAsync(side.TokenOptions.ClientSecretName, "not-the-secret");

        var refused = await Assert.ThrowsAsync<EntraTokenException>(() => side.Tokens.GetTokenAsync(TokenAudiences.PartnerCenter).AsTask());

        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(side.Emulator.Options.InitialRefreshToken, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_only_tokens_come_from_client_credentials_and_leave_the_refresh_token_alone()
    {
        await using var side = await MicrosoftSide.StartAsync();

        var token = await side.Tokens.GetAppOnlyTokenAsync(TokenAudiences.PartnerCenter);

        Assert.DoesNotContain(token.Reveal(), token.ToString(), StringComparison.Ordinal);
        Assert.Equal(side.Emulator.Options.InitialRefreshToken, (await side.Secrets.GetAsync(side.TokenOptions.RefreshTokenName))!.Reveal());
    }
}

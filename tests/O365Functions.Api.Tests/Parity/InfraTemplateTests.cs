using System.Diagnostics;
using System.Text.Json.Nodes;

namespace O365Functions.Api.Tests.Parity;

/// <summary>
/// What <c>azd up</c> would meet, read from the ARM template the Bicep CLI compiles from <c>infra/</c>
/// (<c>eng/bicep/bicep.sh</c>, run here when the compiled template is missing or older than its sources).
/// </summary>
public sealed class InfraTemplateTests
{
    private static readonly Lazy<JsonObject> Template = new(Compile);

    private static JsonObject Parameters => Template.Value["parameters"]!.AsObject();

    [Fact]
    public void Azd_offers_only_regions_where_Flex_Consumption_runs()
    {
        var location = Parameters["location"]!;

        Assert.Equal("location", location["metadata"]!["azd"]!["type"]!.GetValue<string>());
        var allowed = location["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.Contains("eastus", allowed);
        Assert.Contains("westeurope", allowed);
        Assert.DoesNotContain("chinanorth", allowed);
    }

    [Fact]
    public void No_partner_credential_is_deployed_and_the_instance_count_is_within_what_Flex_allows()
    {
        // Each application instance brings its partner tenant, application id and secret with its APS install.
        Assert.DoesNotContain(Parameters.Select(p => p.Key), name => name.StartsWith("partner", StringComparison.OrdinalIgnoreCase));

        Assert.Equal((40, 1000), (Parameters["maximumInstanceCount"]!["minValue"]!.GetValue<int>(), Parameters["maximumInstanceCount"]!["maxValue"]!.GetValue<int>()));
        Assert.Equal(["FlexConsumption", "ElasticPremium"], Parameters["hostingPlan"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("FlexConsumption", Parameters["hostingPlan"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Each_trusted_webhook_cloud_becomes_settings_under_the_section_the_gateway_binds()
    {
        var settings = Template.Value["variables"]!["webhookTrustSettings"]!.GetValue<string>();
        var section = Api.Webhooks.PartnerCenterWebhookServiceCollectionExtensions.SignatureSection.Replace(":", "__", StringComparison.Ordinal);

        Assert.Equal("array", Parameters["webhookTrustedClouds"]!["type"]!.GetValue<string>());
        foreach (var property in new[] { "CertificateOrigins__0", "Organization", "RevocationMode" })
        {
            Assert.Contains($"{section}__Clouds__", settings, StringComparison.Ordinal);
            Assert.Contains($"__{property}", settings, StringComparison.Ordinal);
        }

        Assert.Equal("[variables('webhookTrustSettings')]", Module("functionapp")["properties"]!["parameters"]!["extraAppSettings"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void The_vault_can_be_provisioned_again_after_azd_down_and_the_deployer_may_write_the_first_secrets()
    {
        var vault = Module("keyvault");
        var resources = Resources(vault["properties"]!["template"]!);
        var deployerRole = resources.Single(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments" && r["condition"] is not null);
        var vaultResource = resources.Single(r => r["type"]!.GetValue<string>() == "Microsoft.KeyVault/vaults");

        Assert.False(Parameters["keyVaultPurgeProtection"]!["defaultValue"]!.GetValue<bool>());
        Assert.Contains("if(parameters('purgeProtection'), true(), null())", vaultResource["properties"]!["enablePurgeProtection"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Parameters["grantDeployerSecretsOfficer"]!["defaultValue"]!.GetValue<bool>());
        Assert.Contains("deployer().objectId", vault["properties"]!["parameters"]!["deployerPrincipalId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("variables('keyVaultSecretsOfficer')", deployerRole["properties"]!["roleDefinitionId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", vault["properties"]!["template"]!["variables"]!["keyVaultSecretsOfficer"]!.GetValue<string>());
    }

    [Fact]
    public void The_app_asks_for_the_controllers_certificate_but_not_of_a_browser()
    {
        var site = Resources(Module("functionapp")["properties"]!["template"]!).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites");

        Assert.True(site["properties"]!["clientCertEnabled"]!.GetValue<bool>());
        Assert.Equal("OptionalInteractiveUser", site["properties"]!["clientCertMode"]!.GetValue<string>());
    }

    private static JsonObject Module(string name) =>
        Resources(Template.Value).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name);

    private static List<JsonObject> Resources(JsonNode template) => template["resources"] switch
    {
        JsonObject symbolic => [.. symbolic.Select(pair => pair.Value!.AsObject())],
        JsonArray list => [.. list.Select(item => item!.AsObject())],
        _ => [],
    };

    private static JsonObject Compile()
    {
        var infra = Path.Combine(Repository.Root, "infra");
        var compiled = new FileInfo(Path.Combine(infra, "bin", "main.json"));
        var newest = Directory.EnumerateFiles(infra, "*.bicep", SearchOption.AllDirectories).Max(File.GetLastWriteTimeUtc);
        if (!compiled.Exists || compiled.LastWriteTimeUtc < newest)
        {
            using var bicep = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "eng", "bicep", "bicep.sh")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = bicep.StandardOutput.ReadToEndAsync();
            var errors = bicep.StandardError.ReadToEnd();
            bicep.WaitForExit();
            Assert.True(bicep.ExitCode == 0, $"eng/bicep/bicep.sh failed: {output.Result}{errors}");
        }

        return JsonNode.Parse(File.ReadAllText(compiled.FullName))!.AsObject();
    }
}

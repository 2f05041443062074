using System.Net;
using System.Text.Json.Nodes;
using O365Functions.Api.Aps.Package;

namespace O365Functions.Api.Tests.Aps;

/// <summary>The APS package and the handlers are one definition: what the package declares is accepted and returned, and nothing else is accepted.</summary>
public sealed class ApsPackageTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public void The_committed_aps_folder_is_what_the_package_definition_writes()
    {
        var folder = Path.Combine(Repository.Root, "aps");
        var expected = ApsPackageWriter.Files();
        var committed = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);

        Assert.Equal(expected.Keys.Order(), committed.Keys.Order());
        foreach (var (path, content) in expected)
        {
            Assert.True(content.AsSpan().SequenceEqual(committed[path]), $"aps/{path} is out of date: run `dotnet run --project src/O365Functions.Local -- aps-package --folder $PWD/aps`.");
        }
    }

    [Fact]
    public void The_archive_lists_every_other_file_with_its_size_and_hash_and_holds_every_schema_its_metadata_names()
    {
        var archivePath = Path.Combine(Path.GetTempPath(), $"o365-package-{Guid.NewGuid():N}.app.zip");
        try
        {
            ApsPackageWriter.WriteArchive(archivePath);
            using var archive = System.IO.Compression.ZipFile.OpenRead(archivePath);
            var entries = archive.Entries.ToDictionary(e => e.FullName, Bytes);
            var list = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(entries[ApsPackageWriter.FileList])).Root!;
            var listed = list.Elements().ToDictionary(f => (string)f.Attribute("name")!, f => ((long)f.Attribute("size")!, (string)f.Attribute("sha256")!));
            var metadata = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(entries["APP-META.xml"])).Root!;
            System.Xml.Linq.XNamespace aps = "http://aps-standard.org/ns/2";

            Assert.Equal("http://apstandard.com/ns/1", list.Name.NamespaceName);
            Assert.DoesNotContain(entries.Keys, name => name.EndsWith('/'));
            Assert.Equal(entries.Keys.Where(name => name != ApsPackageWriter.FileList).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, (size, sha256)) in listed)
            {
                Assert.Equal(entries[name].LongLength, size);
                Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(entries[name])), sha256);
            }

            var schemas = metadata.Elements(aps + "service").Select(service => (string)service.Element(aps + "schema")!.Attribute("path")!).ToList();
            Assert.Equal(ApsPackage.Types.Count, schemas.Count);
            Assert.All(schemas, path => Assert.Contains(path, entries.Keys));
            Assert.Equal(ApsPackage.UpgradableFrom, (string?)metadata.Element(aps + "upgrade")?.Attribute("match"));
            Assert.NotNull(metadata.Element(aps + "vendor")?.Element(aps + "name"));
            Assert.NotNull(metadata.Element(aps + "packager")?.Element(aps + "name"));
            Assert.NotEmpty(metadata.Element(aps + "presentation")!.Element(aps + "changelog")!.Elements(aps + "version"));
            var icon = (string)metadata.Element(aps + "presentation")!.Element(aps + "icon")!.Attribute("path")!;
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], entries[icon][..4]);
            var license = metadata.Element(aps + "license-agreement")!;
            Assert.Equal("true", (string?)license.Attribute("must-accept"));
            Assert.NotEmpty(entries[(string)license.Element(aps + "text")!.Element(aps + "file")!]);
        }
        finally
        {
            File.Delete(archivePath);
        }

        static byte[] Bytes(System.IO.Compression.ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public void Every_relation_of_every_type_names_a_type_the_package_declares_or_a_standard_one()
    {
        // The platform's types a Commerce application links to (aps-commerce.md, section 2).
        string[] standard =
        [
            "http://aps-standard.org/types/core/account/1.0",
            "http://aps-standard.org/types/core/subscription/1.0",
            "http://aps-standard.org/types/core/service-user/1.0",
            "http://aps-standard.org/types/dns/domain/1.0",
        ];
        var declared = ApsPackage.Types.Select(type => type.Id).Concat(standard).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, content) in ApsPackageWriter.Files().Where(file => file.Key.StartsWith("schemas/", StringComparison.Ordinal)))
        {
            var relations = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(content))!["relations"]!.AsObject();
            Assert.All(relations, relation => Assert.True(declared.Contains((string)relation.Value!["type"]!), $"{path}: relation {relation.Key} names an undeclared type."));
        }
    }

    [Theory]
    [InlineData("app")]
    [InlineData("licenseTypes")]
    [InlineData("addonTypes")]
    public async Task Every_declared_property_is_accepted_and_every_readable_one_returned(string service)
    {
        var type = ApsPackage.ForService(service)!;
        await using var controller = Gateway.Controller();
        var body = service == "app" ? Gateway.Settings() : Sample(type);
        if (service == "app")
        {
            var emulator = Gateway.Microsoft.BaseUri.GetLeftPart(UriPartial.Authority);
            body["endpoints"] = new JsonObject { ["partnerCenter"] = emulator, ["login"] = emulator, ["graph"] = emulator };
        }
        else
        {
            await controller.InstallAsync(Gateway.Settings());
            var (_, parent) = await controller.ProvisionAsync("licenseTypes", new JsonObject
            {
                ["name"] = "Base",
                ["offerId"] = Guid.NewGuid().ToString(),
                ["provisioningId"] = "BASE",
            });
            Assert.Equal(HttpStatusCode.OK, parent.Status);
            if (service == "addonTypes")
            {
                body["possibleParentOffers"] = new JsonArray("BASE");
            }
        }

        var outcome = service == "app" ? await controller.InstallAsync(body) : (await controller.ProvisionAsync(service, body)).Outcome;

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        var returned = outcome.Body!.Select(p => p.Key).Where(k => k != "aps").ToHashSet();
        foreach (var property in type.Properties.Where(p => body.ContainsKey(p.Name)))
        {
            Assert.Equal(property.Access != ApsAccess.WriteOnly, returned.Contains(property.Name));
        }

        Assert.Subset(type.Properties.Select(p => p.Name).ToHashSet(), returned);
    }

    [Theory]
    [InlineData("tenants")]
    [InlineData("users")]
    [InlineData("domains")]
    public async Task Every_declared_property_of_the_tenant_types_is_accepted(string service)
    {
        var type = ApsPackage.ForService(service)!;
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());

        var (_, outcome) = await controller.ProvisionAsync(service, Sample(type));

        var errors = outcome.Body?["details"]?.AsArray().Select(d => d!["error"]!.GetValue<string>()).ToList() ?? [];
        Assert.DoesNotContain("UnknownProperty", errors);
        Assert.DoesNotContain("MissingProperty", errors);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("licenseTypes")]
    [InlineData("addonTypes")]
    [InlineData("tenants")]
    [InlineData("users")]
    [InlineData("domains")]
    public async Task A_property_the_package_does_not_declare_is_refused(string service)
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var body = Sample(ApsPackage.ForService(service)!);
        body["undeclared"] = "x";

        var outcome = service == "app"
            ? await controller.ConfigureAsync("app", controller.InstanceId, body)
            : (await controller.ProvisionAsync(service, body)).Outcome;

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Contains(outcome.Body!["details"]!.AsArray(), d => d!["error"]!.GetValue<string>() == "UnknownProperty" && d["field"]!.GetValue<string>() == "undeclared");
    }

    [Fact]
    public async Task Every_declared_operation_and_collection_relation_is_routed()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        foreach (var type in ApsPackage.Types)
        {
            var id = type == ApsPackage.App ? controller.InstanceId : Guid.NewGuid().ToString();
            foreach (var operation in type.Operations)
            {
                using var response = await controller.SendAsync(new HttpMethod(operation.Verb), $"{type.Service}/{id}/{operation.Path}", operation.Body.Count > 0 ? new JsonObject { ["refreshToken"] = "t" } : null);
                var text = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("has no operation or relation", text, StringComparison.Ordinal);
                Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            }

            foreach (var relation in type.Relations.Where(r => r.Collection))
            {
                var linked = await controller.LinkAsync(type.Service, id, relation.Name, Guid.NewGuid().ToString());
                Assert.Equal(HttpStatusCode.NoContent, linked.Status);
            }
        }
    }

    private static JsonObject Sample(ApsType type)
    {
        var body = new JsonObject();
        foreach (var property in type.Properties.Where(p => p.Access != ApsAccess.ReadOnly))
        {
            body[property.Name] = SampleValue(type, property);
        }

        foreach (var relation in type.Relations.Where(r => !r.Collection))
        {
            body[relation.Name] = new JsonObject { ["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() } };
        }

        return body;
    }

    private static JsonNode? SampleValue(ApsType type, ApsProperty property) => (type.Service, property.Name, property.Kind) switch
    {
        (_, _, ApsPropertyKind.Text) when property.Values is { } values => values[0],
        (_, "partnerTenantId" or "applicationId" or "offerId" or "trialOfferId", _) => Guid.NewGuid().ToString(),
        (_, "defaultCountry" or "country" or "usageLocation", _) => "US",
        (_, "catalogLanguage" or "culture", _) => "en-US",
        ("tenants", "existingTenantDomain", _) => null,
        (_, "domainPrefix", _) => "contoso" + Guid.NewGuid().ToString("N")[..12],
        (_, "domain" or "name", _) when type.Service is "users" or "domains" => "contoso.com",
        (_, "email", _) => "ada@contoso.com",
        (_, "login", _) => "ada",
        (_, "provisioningId", _) => "P" + Guid.NewGuid().ToString("N")[..12],
        (_, "possibleParentOffers" or "possibleUpgrades", _) => new JsonArray(),
        (_, "licenses", ApsPropertyKind.TextList) => new JsonArray(),
        (_, "minimumQuantity", _) => 1,
        (_, "maximumQuantity", _) => 10,
        (_, _, ApsPropertyKind.Text) => "sample",
        (_, _, ApsPropertyKind.WholeNumber) => 1,
        (_, _, ApsPropertyKind.Flag) => true,
        (_, _, ApsPropertyKind.TextList) => new JsonArray("US"),
        (_, _, ApsPropertyKind.Structure) => new JsonObject(property.Nested.Where(n => n.Access != ApsAccess.ReadOnly).Select(n => KeyValuePair.Create(n.Name, SampleValue(type, n)))),
        _ => new JsonArray(),
    };
}

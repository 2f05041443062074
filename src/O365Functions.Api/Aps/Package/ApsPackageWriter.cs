using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace O365Functions.Api.Aps.Package;

/// <summary>
/// Writes the APS package a provider imports from <see cref="ApsPackage"/>: <c>APP-META.xml</c>, one schema per type
/// under <c>schemas/</c>, the icon, the license text, and <c>APP-LIST.xml</c> with every other file's size and hash.
/// The repository's <c>aps/</c> folder is this output, and a test keeps it so.
/// </summary>
public static class ApsPackageWriter
{
    private static readonly XNamespace Aps = "http://aps-standard.org/ns/2";
    private static readonly XNamespace ApsList = "http://apstandard.com/ns/1";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The list of the package's files that the platform checks on import.</summary>
    public const string FileList = "APP-LIST.xml";

    /// <summary>Every file of the package, by relative path, with its content; <see cref="FileList"/> is computed from the others' bytes.</summary>
    public static IReadOnlyDictionary<string, byte[]> Files()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["APP-META.xml"] = Utf8.GetBytes(Metadata()),
            [ApsPackage.IconPath] = PackageIcon.Png(),
            [ApsPackage.LicensePath] = Utf8.GetBytes(ApsPackage.LicenseText),
        };
        foreach (var type in ApsPackage.Types)
        {
            files[$"schemas/{type.Service}.schema"] = Utf8.GetBytes(Schema(type).ToJsonString(Indented) + "\n");
        }

        files[FileList] = Utf8.GetBytes(List(files));
        return files;
    }

    /// <summary>Writes the files into <paramref name="folder"/>.</summary>
    public static void WriteFolder(string folder)
    {
        foreach (var (path, content) in Files())
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, content);
        }
    }

    /// <summary>Writes the package archive a provider imports (<c>.app.zip</c>).</summary>
    public static void WriteArchive(string archivePath)
    {
        using var archive = ZipFile.Open(archivePath, ZipArchiveMode.Create);
        foreach (var (path, content) in Files())
        {
            // A fixed time keeps the archive the same for the same package.
            var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            stream.Write(content);
        }
    }

    /// <summary>
    /// <c>APP-LIST.xml</c>: every other file of the package with its size in bytes and the lowercase hex SHA-256 of its
    /// bytes as the archive holds them, so the import can tell a changed or missing file.
    /// </summary>
    private static string List(IReadOnlyDictionary<string, byte[]> files)
    {
        var list = new XElement(ApsList + "files",
            new XAttribute(XNamespace.Xmlns + "ns2", "http://www.w3.org/2000/09/xmldsig#"),
            files.Select(file => new XElement(ApsList + "file",
                new XAttribute("name", file.Key),
                new XAttribute("size", file.Value.Length),
                new XAttribute("sha256", Convert.ToHexStringLower(SHA256.HashData(file.Value))))));
        return new XDeclaration("1.0", "utf-8", null) + "\n" + list + "\n";
    }

    private static string Metadata()
    {
        var application = new XElement(Aps + "application",
            new XAttribute("version", "2.0"),
            new XAttribute("packaged", ApsPackage.Packaged.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
            new XElement(Aps + "id", ApsPackage.ApplicationId),
            new XElement(Aps + "name", "O365Functions"),
            new XElement(Aps + "version", ApsPackage.Version),
            new XElement(Aps + "release", ApsPackage.Release),
            new XElement(Aps + "homepage", ApsPackage.Homepage),
            new XElement(Aps + "vendor", new XElement(Aps + "name", ApsPackage.VendorName), new XElement(Aps + "homepage", ApsPackage.Homepage)),
            new XElement(Aps + "packager", new XElement(Aps + "name", ApsPackage.VendorName), new XElement(Aps + "homepage", ApsPackage.Homepage)),
            new XElement(Aps + "presentation",
                new XElement(Aps + "summary", "Microsoft 365 CSP provisioning gateway"),
                new XElement(Aps + "description",
                    "Provisions Microsoft 365 tenants, subscriptions, users and domains through Partner Center and Microsoft Graph as durable workflows."),
                new XElement(Aps + "icon", new XAttribute("path", ApsPackage.IconPath)),
                new XElement(Aps + "changelog", ApsPackage.Changelog.Select(entry => new XElement(Aps + "version",
                    new XAttribute("version", entry.Version), new XAttribute("release", entry.Release),
                    new XElement(Aps + "entry", entry.Text)))),
                new XElement(Aps + "categories", new XElement(Aps + "category", "Collaboration/Office Suite"))),
            new XElement(Aps + "license-agreement",
                new XAttribute("must-accept", "true"),
                new XElement(Aps + "free"),
                new XElement(Aps + "text", new XElement(Aps + "name", "License"), new XElement(Aps + "file", ApsPackage.LicensePath))),
            new XElement(Aps + "upgrade", new XAttribute("match", ApsPackage.UpgradableFrom)),
            ApsPackage.Types.Select(type => new XElement(Aps + "service",
                new XAttribute("id", type.Service),
                new XElement(Aps + "schema", new XAttribute("path", $"schemas/{type.Service}.schema")),
                new XElement(Aps + "presentation", new XElement(Aps + "name", type.Title)))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), application).Declaration + "\n" + application + "\n";
    }

    private static JsonObject Schema(ApsType type) => new()
    {
        ["apsVersion"] = "2.0",
        ["name"] = type.Service,
        ["id"] = type.Id,
        ["implements"] = new JsonArray(type.Service == ApsPackage.AppService ? "http://aps-standard.org/types/core/application/1.0" : type.Implements),
        ["properties"] = Properties(type.Properties),
        ["relations"] = new JsonObject(type.Relations.Select(r => KeyValuePair.Create<string, JsonNode?>(r.Name, new JsonObject
        {
            ["type"] = r.PlatformType ?? ApsPackage.ForService(r.Service)!.Id,
            ["collection"] = r.Collection,
            ["required"] = r.Required,
        }))),
        ["operations"] = new JsonObject(type.Operations.Select(o => KeyValuePair.Create<string, JsonNode?>(o.Name, Operation(o)))),
    };

    private static JsonObject Operation(ApsOperation operation)
    {
        var parameters = new JsonObject();
        foreach (var query in operation.Query)
        {
            parameters[query] = new JsonObject { ["kind"] = "query", ["type"] = "string" };
        }

        if (operation.AcceptsAnyBody)
        {
            // An event handler takes the platform's notification structure.
            parameters["event"] = new JsonObject { ["kind"] = "body", ["type"] = "http://aps-standard.org/types/core/resource/1.0#Notification" };
        }
        else if (operation.Body.Count > 0)
        {
            parameters["body"] = new JsonObject { ["kind"] = "body", ["type"] = "object", ["properties"] = Properties(operation.Body) };
        }

        return new JsonObject
        {
            ["verb"] = operation.Verb,
            ["path"] = "/" + operation.Path,
            ["description"] = operation.Description,
            ["parameters"] = parameters,
        };
    }

    private static JsonObject Properties(IEnumerable<ApsProperty> properties) =>
        new(properties.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Name, Property(p))));

    private static JsonObject Property(ApsProperty property)
    {
        var schema = new JsonObject
        {
            ["type"] = property.Kind switch
            {
                ApsPropertyKind.Text => "string",
                ApsPropertyKind.WholeNumber => "integer",
                ApsPropertyKind.Flag => "boolean",
                ApsPropertyKind.TextList or ApsPropertyKind.StructureList => "array",
                _ => "object",
            },
            ["description"] = property.Description,
        };
        if (property.Required)
        {
            schema["required"] = true;
        }

        if (property.Access == ApsAccess.ReadOnly)
        {
            schema["readonly"] = true;
        }

        if (property.Encrypted)
        {
            schema["encrypted"] = true;
        }

        if (property.Values is { } values)
        {
            schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
        }

        switch (property.Kind)
        {
            case ApsPropertyKind.TextList:
                schema["items"] = new JsonObject { ["type"] = "string" };
                break;
            case ApsPropertyKind.StructureList:
                schema["items"] = new JsonObject { ["type"] = "object", ["properties"] = Properties(property.Nested) };
                break;
            case ApsPropertyKind.Structure:
                schema["properties"] = Properties(property.Nested);
                break;
        }

        return schema;
    }
}

using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace O365Functions.Api.Console;

/// <summary>
/// The console's pages: plain HTML, CSS and JavaScript modules embedded in this assembly, so both hosts serve the same
/// files with no build step and nothing to deploy beside the app. The files hold no data (the data routes need the
/// operator's credential), so they are served to anyone, with a policy that lets them load only from the gateway.
/// </summary>
public sealed class ConsoleAssets
{
    /// <summary>The console's path on both hosts.</summary>
    public const string Path = "/console";

    private const string ResourcePrefix = "console/";

    private const string SecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, byte[]> _files = Load();

    /// <summary>The names of the files served (for tests and the docs).</summary>
    public IEnumerable<string> Names => _files.Keys;

    /// <summary>GET /console and /console/{file}: the page, or one of its files; 404 for anything else.</summary>
    public IResult Get(string? file)
    {
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (!_files.TryGetValue(name, out var content) || !ContentTypes.TryGetValue(System.IO.Path.GetExtension(name), out var type))
        {
            return Aps.ApsResults.Error(StatusCodes.Status404NotFound, "NotFound", $"The console has no file '{name}'. Open {Path} for its pages.");
        }

        return new AssetResult(content, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A console file with headers that keep it fresh and confined to the gateway.</summary>
    private sealed class AssetResult(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentType = contentType;
            headers.CacheControl = "no-cache";
            headers.ContentSecurityPolicy = SecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            httpContext.Response.ContentLength = content.Length;
            return httpContext.Response.Body.WriteAsync(content).AsTask();
        }
    }
}

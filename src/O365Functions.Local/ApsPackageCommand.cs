using O365Functions.Api.Aps.Package;

namespace O365Functions.Local;

/// <summary>
/// <c>dotnet run --project src/O365Functions.Local -- aps-package [--folder DIR | --archive FILE]</c>: writes the APS
/// package a provider imports, as a folder (the repository's <c>aps/</c>) or as an archive (default
/// <c>O365Functions-{version}.app.zip</c>), instead of starting the gateway.
/// </summary>
internal static class ApsPackageCommand
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != "aps-package")
        {
            return false;
        }

        switch (args.Skip(1).ToArray())
        {
            case ["--folder", var folder]:
                ApsPackageWriter.WriteFolder(folder);
                Console.WriteLine($"Wrote the APS package's files to {Path.GetFullPath(folder)}.");
                return true;
            case [] or ["--archive", _]:
                var archive = args.Length > 2 ? args[2] : $"O365Functions-{ApsPackage.Version}-{ApsPackage.Release}.app.zip";
                File.Delete(archive);
                ApsPackageWriter.WriteArchive(archive);
                Console.WriteLine($"Wrote the APS package to {Path.GetFullPath(archive)}.");
                return true;
            default:
                Console.Error.WriteLine("Usage: aps-package [--folder DIR | --archive FILE]");
                exitCode = 2;
                return true;
        }
    }
}

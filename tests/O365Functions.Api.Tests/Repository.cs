namespace O365Functions.Api.Tests;

/// <summary>Where the repository's own files are, for tests that read them (infra, host.json, the APS package).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "O365Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (O365Functions.sln) was not found above the test output.");
    }
}

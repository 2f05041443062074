using System.Diagnostics;

namespace O365Functions.Api.Tests.Hosting;

/// <summary>The local gateway's program run as a provider runs it: a process with arguments and standard input.</summary>
internal static class LocalGatewayCommand
{
    /// <summary>How to start the program with <paramref name="args"/>, its output and error redirected.</summary>
    public static ProcessStartInfo StartInfo(params IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "O365Functions.Local.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs the program with <paramref name="args"/>, writes <paramref name="input"/> to it, and waits (two minutes at most) for it to exit.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? input, params string[] args)
    {
        var start = StartInfo(args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The local gateway ({string.Join(' ', args)}) did not exit within two minutes.");
        }

        return (process.ExitCode, await output, await error);
    }
}

using O365Functions.Api.Aps;
using O365Functions.Api.Operations;
using O365Functions.Core.Secrets;
using O365Functions.Storage.Secrets;

namespace O365Functions.Local;

/// <summary>
/// <c>dotnet run --project src/O365Functions.Local -- secrets set NAME | list | delete NAME</c>: stores a secret in the
/// local gateway's encrypted secret file (under <c>Storage:DataDirectory</c>, as the gateway reads it) without code. A
/// value is read from standard input, never from the command line, where the shell's history and the process list
/// would keep it; <c>list</c> shows names only. The gateway reads the file on every use, so a change takes effect
/// without a restart.
/// </summary>
internal static class SecretsCommand
{
    private const string Usage = "Usage: secrets set NAME   (the value is read from standard input)\n       secrets list\n       secrets delete NAME";

    /// <summary>Runs the command when <paramref name="args"/> starts with <c>secrets</c>.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args is not ["secrets", .. var rest])
        {
            return null;
        }

        // Words before the first --setting are the command; the settings after them are read like the gateway's.
        var words = rest.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var configuration = Host.CreateApplicationBuilder(rest[words.Length..]).Configuration;
        var data = LocalDataDirectory.From(configuration);
        var layout = LocalSecretStoreOptions.In(data);
        using var store = new LocalSecretStore(layout);
        try
        {
            switch (words)
            {
                case ["set", var name]:
                    SecretNames.Validate(name);
                    var value = ReadValue(name, input, error);
                    if (string.IsNullOrEmpty(value))
                    {
                        await error.WriteLineAsync($"No value was given for '{name}' on standard input; nothing was stored.");
                        return 2;
                    }

                    await store.SetAsync(name, value);
                    await output.WriteLineAsync($"Stored '{name}' in {Path.GetFullPath(layout.SecretsFile)}.");
                    return 0;
                case ["set", _, _, ..]:
                    await error.WriteLineAsync("The value is read from standard input, never from the command line (the shell's history and the process list would keep it): echo it into 'secrets set NAME', or type it when asked.");
                    return 2;
                case ["list"]:
                    var names = await store.ListNamesAsync();
                    foreach (var name in names)
                    {
                        await output.WriteLineAsync(name);
                    }

                    await output.WriteLineAsync(Known(configuration["Aps:OAuth:ConsumerSecretName"] ?? new ApsOAuthOptions().ConsumerSecretName, names));
                    return 0;
                case ["delete", var name]:
                    SecretNames.Validate(name);
                    await output.WriteLineAsync(await store.DeleteAsync(name) ? $"Deleted '{name}'." : $"There is no secret '{name}'.");
                    return 0;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (ArgumentException invalid)
        {
            await error.WriteLineAsync(invalid.Message);
            return 2;
        }
    }

    /// <summary>The value: standard input to its end when it is redirected, else one line typed without echo.</summary>
    private static string ReadValue(string name, TextReader input, TextWriter error)
    {
        if (input != Console.In || Console.IsInputRedirected)
        {
            return input.ReadToEnd().TrimEnd('\r', '\n');
        }

        error.Write($"Value of '{name}' (not shown): ");
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        error.WriteLine();
        return typed.ToString();
    }

    /// <summary>The secrets the gateway reads, under the names configured now, and whether each is stored.</summary>
    private static string Known(string consumerSecretName, IReadOnlyList<string> stored)
    {
        var known = new (string Name, string Use)[]
        {
            (consumerSecretName, "the APS controller's OAuth consumer secret"),
            (OperationsHandlers.KeySecretName, "the operators' admin key"),
        };
        return "The gateway reads: " + string.Join("; ", known.Select(k =>
            $"{k.Name} ({k.Use}, {(stored.Contains(k.Name, StringComparer.OrdinalIgnoreCase) ? "stored" : "not stored")})"))
            + ". Each instance's application secret and refresh token arrive with its APS install and consent.";
    }
}

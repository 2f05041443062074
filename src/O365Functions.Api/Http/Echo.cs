namespace O365Functions.Api.Http;

/// <summary>Repeats a client's own value in an error message, cut short so an error can never outgrow the request.</summary>
public static class Echo
{
    /// <summary><paramref name="value"/>, at most <paramref name="maxLength"/> characters, marked when cut.</summary>
    public static string Bounded(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, maxLength), "…");
    }
}

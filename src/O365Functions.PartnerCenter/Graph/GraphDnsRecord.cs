namespace O365Functions.PartnerCenter.Graph;

/// <summary>A DNS record Graph asks for: to prove a domain, or to run a service on it.</summary>
public sealed record GraphDnsRecord
{
    /// <summary><c>Txt</c>, <c>Mx</c>, <c>CName</c> or <c>Srv</c>.</summary>
    public string? RecordType { get; init; }

    /// <summary>The record's name.</summary>
    public string? Label { get; init; }

    /// <summary>For TXT records: the text.</summary>
    public string? Text { get; init; }

    /// <summary>For MX records: the mail host.</summary>
    public string? MailExchange { get; init; }

    /// <summary>For MX records: the preference.</summary>
    public int? Preference { get; init; }

    /// <summary>For CNAME records: the target.</summary>
    public string? CanonicalName { get; init; }

    /// <summary>Seconds to cache.</summary>
    public int Ttl { get; init; }
}

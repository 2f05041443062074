using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace O365Functions.Storage.TableStorage;

/// <summary>
/// Signs each request (each retry too, since the date changes) with the account key, in the Shared Key Lite scheme
/// of the Table service: HMAC-SHA256 over the <c>x-ms-date</c> value and the canonicalized resource.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(string accountName, string accountKey) : HttpPipelineSynchronousPolicy
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);

        var uri = message.Request.Uri.ToUri();
        var resource = new StringBuilder("/").Append(accountName).Append(uri.AbsolutePath);
        var comp = System.Web.HttpUtility.ParseQueryString(uri.Query)["comp"];
        if (comp is not null)
        {
            resource.Append("?comp=").Append(comp);
        }

        var signature = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{date}\n{resource}"));
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{Convert.ToBase64String(signature)}");
    }
}

using System.Globalization;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Signs Table service requests with Shared Key Lite, per retry so each attempt carries a fresh <c>x-ms-date</c>.
/// StringToSign = Date + "\n" + CanonicalizedResource, where CanonicalizedResource is "/" + account + encoded path
/// (+ "?comp=..." when present). https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key#shared-key-lite-and-table-service-format-for-2009-09-19-and-later
/// </summary>
internal sealed class TableSharedKeyPolicy(StorageSharedKeyCredential credential, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        string date = timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        string signature = credential.Sign(BuildStringToSign(date, message.Request.Uri.ToUri(), credential.AccountName));
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {credential.AccountName}:{signature}");
    }

    internal static string BuildStringToSign(string date, Uri uri, string accountName)
    {
        string resource = "/" + accountName + uri.AbsolutePath;
        string? comp = HttpUtility.ParseQueryString(uri.Query)["comp"];
        return comp is null ? $"{date}\n{resource}" : $"{date}\n{resource}?comp={comp}";
    }
}

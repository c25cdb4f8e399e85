using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Azure.Storage;

/// <summary>An account name and its decoded key; computes Shared Key signatures. The key is never exposed or logged.</summary>
internal sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"The AccountKey of storage account '{accountName}' is not valid Base64.", ex);
        }
    }

    public string AccountName { get; }

    public string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
}

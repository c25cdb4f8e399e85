using System.Globalization;

namespace OrderTracking.Azurite;

/// <summary>The emulator's well-known development account and the connection string built from it.</summary>
internal static class AzuriteAccount
{
    public const string Name = "devstoreaccount1";

    // Published well-known key of the storage emulator (not a secret):
    // https://learn.microsoft.com/azure/storage/common/storage-use-azurite#http-connection-strings
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionString(int blobPort, int queuePort, int tablePort) => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={Name};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Name};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{Name};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{Name};");

    public static bool IsDevelopmentStorage(string connectionString) =>
        connectionString.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
}

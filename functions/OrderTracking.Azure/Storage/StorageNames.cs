using System.Text.RegularExpressions;

namespace OrderTracking.Azure.Storage;

/// <summary>Table and queue naming rules, checked before any request.</summary>
internal static partial class StorageNames
{
    // https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#table-names
    public static string ValidateTable(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        return TableName().IsMatch(tableName)
            ? tableName
            : throw new ArgumentException($"Invalid table name '{tableName}': 3-63 letters or digits, starting with a letter.", nameof(tableName));
    }

    // https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata#queue-names
    public static string ValidateQueue(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        return queueName.Length is >= 3 and <= 63 && QueueName().IsMatch(queueName)
            ? queueName
            : throw new ArgumentException(
                $"Invalid queue name '{queueName}': 3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.",
                nameof(queueName));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex QueueName();
}

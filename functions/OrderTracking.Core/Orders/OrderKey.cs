namespace OrderTracking.Core.Orders;

/// <summary>
/// The order key (DESIGN §5, contract): <c>{source}:{externalId}</c>, e.g. <c>shopify:450789469</c>.
/// It is a table PartitionKey, so it obeys the Table service key rules.
/// </summary>
public static class OrderKey
{
    /// <summary>Longest accepted key, well below the Table service's 1 KiB key limit.</summary>
    public const int MaxLength = 200;

    /// <summary>Known sources.</summary>
    public static IReadOnlyList<string> Sources { get; } = [OrderSources.Stripe, OrderSources.PayPal, OrderSources.Shopify, OrderSources.Api];

    /// <summary>Builds a key, or throws <see cref="ArgumentException"/> when the parts are not valid.</summary>
    public static string Create(string source, string externalId)
    {
        string key = $"{source}:{externalId}";
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{source}' + external id is not a valid order key (1-{MaxLength} chars, no '/', '\\', '#', '?' or control characters).", nameof(externalId));
        }

        return key;
    }

    /// <summary>True when <paramref name="key"/> is <c>{knownSource}:{id}</c> with a non-empty, table-safe id.</summary>
    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == key.Length - 1 || !Sources.Contains(key[..colon]))
        {
            return false;
        }

        foreach (char c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}

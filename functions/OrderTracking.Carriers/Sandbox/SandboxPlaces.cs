namespace OrderTracking.Carriers.Sandbox;

/// <summary>Deterministic, plausible places for sandbox events, derived from the tracking number.</summary>
internal static class SandboxPlaces
{
    private static readonly (string City, string Region)[] s_cities =
    [
        ("Seattle", "WA"), ("Portland", "OR"), ("San Francisco", "CA"), ("Denver", "CO"), ("Austin", "TX"),
        ("Chicago", "IL"), ("Minneapolis", "MN"), ("Nashville", "TN"), ("Atlanta", "GA"), ("Miami", "FL"),
        ("Boston", "MA"), ("Brooklyn", "NY"), ("Philadelphia", "PA"), ("Columbus", "OH"), ("Phoenix", "AZ"),
        ("Salt Lake City", "UT"),
    ];

    private static readonly (string City, string Region)[] s_hubs =
    [
        ("Louisville", "KY"), ("Memphis", "TN"), ("Indianapolis", "IN"), ("Dallas", "TX"), ("Ontario", "CA"),
    ];

    /// <summary>Origin, hub and destination for a number; origin and destination always differ.</summary>
    public static SandboxRoute RouteFor(string trackingNumber)
    {
        uint hash = Fnv1a(trackingNumber);
        int origin = (int)(hash % (uint)s_cities.Length);
        int offset = 1 + (int)((hash >> 8) % (uint)(s_cities.Length - 1));
        int destination = (origin + offset) % s_cities.Length;
        int hub = (int)((hash >> 16) % (uint)s_hubs.Length);
        return new SandboxRoute(s_cities[origin], s_hubs[hub], s_cities[destination]);
    }

    // string.GetHashCode is randomized per process; the journey must be the same on every instance and run.
    private static uint Fnv1a(string value)
    {
        uint hash = 2166136261;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}

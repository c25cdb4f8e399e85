using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Lookup;

/// <summary>What a lookup came to.</summary>
internal enum LookupOutcome
{
    Found,
    NotFound,
    Limited,
}

/// <summary>The answer: the order when found; how long to wait when limited.</summary>
internal sealed record LookupAnswer(LookupOutcome Outcome, string? OrderKey = null, TimeSpan RetryAfter = default);

/// <summary>
/// Order number + email → order (DESIGN §9 <c>TrackingLookup</c>). Each attempt is counted, per client address and
/// per order number, in the shared <c>RateLimits</c> table (so the limits hold across instances and a burst of
/// parallel guesses is counted one by one), while the <c>OrderLookup</c> index is read under each read-token key; no
/// answer is given before both counts are in. Every entry's email hash is compared in constant time. A wrong number, a wrong email and an unknown order do the
/// same work and get the same answer.
/// </summary>
internal sealed partial class OrderLookup(
    OrderLookupStore index, RateLimitStore limits, KpiRecorder kpis, IOptions<TrackingOptions> options, TimeProvider time, ILogger<OrderLookup> logger)
{
    public async Task<LookupAnswer> FindAsync(string orderNumber, string email, IPAddress? client, CancellationToken cancellationToken)
    {
        TrackingOptions settings = options.Value;
        LookupLimits limit = settings.Lookup;
        string key = settings.ReadTokenKeys[0];
        DateTimeOffset now = time.GetUtcNow();
        long windowTicks = limit.Window.Ticks;
        var windowStart = new DateTimeOffset(now.UtcTicks / windowTicks * windowTicks, TimeSpan.Zero);
        TimeSpan retryAfter = windowStart + limit.Window - now;

        // The two counters and the index reads are independent: one round trip's latency, not five. A limited attempt
        // still counts against both subjects (it was made), and its index answer is thrown away.
        Task<int> byClient = limits.IncrementAsync("lookup-client", LookupHash.Value(key, "client", ClientSubject(client)), windowStart, cancellationToken);
        Task<int> byOrder = limits.IncrementAsync("lookup-order", LookupHash.OrderNumber(key, orderNumber), windowStart, cancellationToken);
        Task<IReadOnlyList<LookupEntry>[]> entries = Task.WhenAll(settings.ReadTokenKeys.Select(k => index.FindAsync(LookupHash.OrderNumber(k, orderNumber), cancellationToken)));
        await Task.WhenAll(byClient, byOrder, entries);
        if (await byClient > limit.PerClient)
        {
            LogLimited(logger, "client address", limit.PerClient, limit.Window.TotalMinutes);
            return new LookupAnswer(LookupOutcome.Limited, RetryAfter: retryAfter);
        }

        if (await byOrder > limit.PerOrder)
        {
            LogLimited(logger, "order number", limit.PerOrder, limit.Window.TotalMinutes);
            return new LookupAnswer(LookupOutcome.Limited, RetryAfter: retryAfter);
        }

        LookupEntry? best = null;
        int compared = 0;
        IReadOnlyList<LookupEntry>[] found = await entries;
        for (int k = 0; k < found.Length; k++)
        {
            string emailHash = LookupHash.Email(settings.ReadTokenKeys[k], email);
            foreach (LookupEntry entry in found[k])
            {
                compared++;
                if (LookupHash.Equal(entry.EmailHash, emailHash) && (best is null || entry.UpdatedAt > best.UpdatedAt))
                {
                    best = entry;
                }
            }

            if (found[k].Count == 0)
            {
                _ = LookupHash.Equal(emailHash, emailHash); // no entry: the same compare as one wrong email, so misses look alike
            }
        }

        LogOutcome(logger, best is null ? "no match" : "found", compared);
        await kpis.LookupAsync(best?.OrderKey, time.GetUtcNow(), cancellationToken); // a hit and a miss do the same write
        return best is null ? new LookupAnswer(LookupOutcome.NotFound) : new LookupAnswer(LookupOutcome.Found, best.OrderKey);
    }

    /// <summary>
    /// The subject a client is limited as: its IPv4 address, or the /64 prefix of an IPv6 address (one subscriber
    /// usually holds a whole /64). Behind the Functions host this is the address in <c>X-Forwarded-For</c> that the
    /// host's own proxy added (the worker trusts only the nearest hop), so a client cannot pick it.
    /// </summary>
    internal static string ClientSubject(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        byte[] bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lookup limited: more than {Limit} attempts per {Subject} in {Minutes} min; answered 429")]
    private static partial void LogLimited(ILogger logger, string subject, int limit, double minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lookup: {Outcome} ({Entries} index entries compared)")]
    private static partial void LogOutcome(ILogger logger, string outcome, int entries);
}

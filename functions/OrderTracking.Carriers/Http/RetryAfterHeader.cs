using System.Net.Http.Headers;

namespace OrderTracking.Carriers.Http;

/// <summary>Reads <c>Retry-After</c> (RFC 9110 §10.2.3: delta seconds or an HTTP date).</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(HttpResponseMessage? response, DateTimeOffset now)
    {
        RetryConditionHeaderValue? value = response?.Headers.RetryAfter;
        if (value?.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value?.Date is DateTimeOffset date)
        {
            TimeSpan wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}

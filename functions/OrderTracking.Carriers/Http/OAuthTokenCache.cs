namespace OrderTracking.Carriers.Http;

/// <summary>
/// Caches one carrier's client-credentials token until shortly before it expires (UPS staff warn against a token per
/// call: carriers.md §1.1). One fetch at a time; <see cref="Invalidate"/> after a 401 forces the next call to refresh.
/// </summary>
internal sealed class OAuthTokenCache(TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan s_maxMargin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _entry;

    public async ValueTask<string> GetAsync(Func<CancellationToken, Task<OAuthToken>> fetch, CancellationToken cancellationToken)
    {
        if (Current() is string cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current() is string fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            OAuthToken token = await fetch(cancellationToken).ConfigureAwait(false);
            TimeSpan margin = token.ExpiresIn / 10 < s_maxMargin ? token.ExpiresIn / 10 : s_maxMargin;
            _entry = new Entry(token.AccessToken, timeProvider.GetUtcNow() + token.ExpiresIn - margin);
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the token if it is still the one the carrier rejected.</summary>
    public void Invalidate(string rejectedAccessToken)
    {
        Entry? entry = _entry;
        if (entry is not null && string.Equals(entry.AccessToken, rejectedAccessToken, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _entry, null, entry);
        }
    }

    public void Dispose() => _gate.Dispose();

    private string? Current()
    {
        Entry? entry = _entry;
        return entry is not null && timeProvider.GetUtcNow() < entry.RefreshAt ? entry.AccessToken : null;
    }

    private sealed record Entry(string AccessToken, DateTimeOffset RefreshAt);
}

using CsCheck;

namespace OrderTracking.Testing.Hostile;

/// <summary>Headers as sent: in order, names may repeat.</summary>
public sealed class HeaderList : List<KeyValuePair<string, string>>
{
    public HeaderList()
    {
    }

    public HeaderList(IEnumerable<KeyValuePair<string, string>> headers)
        : base(headers)
    {
    }

    public HeaderList With(string name, string value) => new(this) { new(name, value) };

    public HeaderList Without(string name) => new(this.Where(h => !string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)));

    public HeaderList Replace(string name, string value) => Without(name).With(name, value);
}

/// <summary>A header change, and whether it alone makes the request one the endpoint must refuse.</summary>
/// <remarks><see cref="Rejects"/>: true, must be refused; false, must be answered as the original; null, either.</remarks>
public sealed record HeaderChange(string Name, Func<HeaderList, HeaderList> Apply, bool? Rejects);

/// <summary>
/// Header damage (issue 15): wrong and missing content types, floods of headers, oversized headers, values with
/// control and non-ASCII characters, forwarded-for chains, hostile origins and conditional headers.
/// </summary>
public static class HeaderMutations
{
    private static readonly (string Value, bool? Rejects)[] s_contentTypes =
    [
        ("text/plain", true), ("application/x-www-form-urlencoded", true), ("multipart/form-data; boundary=x", true), ("application/jsonx", true),
        ("json", true), ("", true), ("application/", true), ("*/*", true), ("application/xml", true), ("text/json", true),
        ("application/json; charset=utf-8", false), ("APPLICATION/JSON", false), ("application/json;;;", null), ("application/json; charset=\"", null),
        ("application/cloudevents+json", false), ("application/json; charset=utf-16", false), ("application/json, text/plain", null),
        ("application/json\u0000", null), ("application/json; " + new string('a', 5000) + "=b", null),
    ];

    private static readonly string[] s_oddValues = ["\u0000", "\u0001\u0002", "é", "\uFFFF", "\u202Eevil", "a\tb", " ", new string(' ', 300), "%00", "${jndi:ldap://x}", "() { :; };"];

    /// <summary>Content-Type changes; the ones that are not JSON must be refused with 415.</summary>
    public static Gen<HeaderChange> ContentType { get; } = Gen.Frequency(
        (1, Gen.Const(new HeaderChange("content-type-missing", h => h.Without("Content-Type"), true))),
        (5, Gen.OneOf(s_contentTypes).Select(c => new HeaderChange($"content-type '{Clip(c.Value)}'", h => h.Replace("Content-Type", c.Value), c.Rejects))));

    /// <summary>Changes that leave a request's meaning alone: an endpoint must still answer it as the original.</summary>
    public static Gen<HeaderChange> Noise { get; } = Gen.Frequency(
        (3, Gen.Int[1, 3000].Select(n => new HeaderChange($"flood-{n}", h => new HeaderList(h.Concat(Enumerable.Range(0, n).Select(i => new KeyValuePair<string, string>($"X-Flood-{i}", "v")))), false))),
        (2, Gen.Int[8_000, 120_000].Select(n => new HeaderChange($"oversized-header-{n}", h => h.With("X-Big", new string('a', n)), false))),
        (2, Gen.OneOf(s_oddValues).Select(v => new HeaderChange($"odd-header-value '{Clip(v)}'", h => h.With("X-Odd", v), false))),
        (2, Gen.Select(Gen.Int[0, 40], Gen.OneOf("203.0.113.9", "::1", "not-an-ip", "", "1.2.3.4:80", "[::1]:443", "999.1.1.1", "unknown", "\u0000")).Select((n, ip) =>
            new HeaderChange($"forwarded-for-{n}x'{Clip(ip)}'", h => h.With("X-Forwarded-For", string.Join(", ", Enumerable.Repeat(ip, n + 1))), false))),
        (2, Gen.OneOf("https://evil.example", "null", "https://shop.example.com.evil.example", "https://shop.example.com@evil.example", "*", "").Select(o =>
            new HeaderChange($"origin '{Clip(o)}'", h => h.With("Origin", o), false))),
        (1, Gen.OneOf("*", "\"x\"", "W/\"x\"", new string('"', 1000), "\"a\", \"b\", " + string.Join(",", Enumerable.Repeat("\"c\"", 500))).Select(v =>
            new HeaderChange($"if-none-match '{Clip(v)}'", h => h.With("If-None-Match", v), false))),
        (1, Gen.Const(new HeaderChange("user-agent-huge", h => h.With("User-Agent", new string('u', 20_000)), false))));

    public static string Clip(string s) => s.Length <= 24 ? s : s[..24] + "…";
}

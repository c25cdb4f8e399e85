using System.Text;

namespace OrderTracking.Testing.Hostile;

/// <summary>What the oracle knows about a generated request before it is sent.</summary>
public enum Expectation
{
    /// <summary>A well-formed, correctly signed (or correctly authorised) request: the answer must be a 2xx.</summary>
    Valid,

    /// <summary>Signed correctly but with a hostile body or headers: a 2xx or a 4xx, never a 5xx.</summary>
    MayAccept,

    /// <summary>Not signed, signed wrongly or unparseable: a 4xx, and nothing stored.</summary>
    MustReject,
}

/// <summary>
/// One generated request against a public endpoint: the wire-level pieces (method, raw escaped path and query, header
/// list in order with repeats, exact body bytes) and what the oracle expects of it. <see cref="Mutation"/> names what was
/// done to the valid request it came from, so a failure reads as "stripe: flip-byte at 113" and not as bytes.
/// </summary>
public sealed record HostileRequest(
    string Endpoint,
    string Mutation,
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    Expectation Expect)
{
    /// <summary>Markup the generators plant; a page that shows one of these unescaped reflects input.</summary>
    public static readonly string[] Probes = ["<ot-probe>", "\"><ot-probe", "'><ot-probe", "<script>ot_probe()</script>", "javascript:ot_probe()"];

    /// <summary>The header <paramref name="name"/>'s first value, if any.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A copy with <paramref name="mutation"/> appended to the description.</summary>
    public HostileRequest Then(string mutation) => this with { Mutation = Mutation.Length == 0 ? mutation : $"{Mutation} + {mutation}" };

    /// <summary>A short, printable description for a failure message (bodies and headers shortened).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Endpoint).Append(" [").Append(Mutation).Append("] ").Append(Expect).Append(": ").Append(Method).Append(' ').Append(Shorten(Path + Query, 300));
        foreach ((string name, string value) in Headers.Take(12))
        {
            text.Append("\n  ").Append(Shorten(name, 80)).Append(": ").Append(Shorten(value, 200));
        }

        if (Headers.Count > 12)
        {
            text.Append("\n  … ").Append(Headers.Count - 12).Append(" more headers");
        }

        if (Body is not null)
        {
            text.Append("\n  body (").Append(Body.Length).Append(" bytes): ").Append(Shorten(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 600)), 400));
        }

        return text.ToString();
    }

    private static string Shorten(string s, int max)
    {
        string printable = new([.. s.Select(c => char.IsControl(c) ? '·' : c)]);
        return printable.Length <= max ? printable : printable[..max] + $"…({s.Length} chars)";
    }
}

namespace OrderTracking.Testing.Email;

/// <summary>A parsed test view of an .eml: unfolded, RFC 2047-decoded headers and decoded parts.</summary>
public sealed record ParsedEml(IReadOnlyDictionary<string, string> Headers, IReadOnlyList<ParsedPart> Parts, IReadOnlyList<string> RawLines)
{
    /// <summary>The decoded body of the first part of <paramref name="mediaType"/> (e.g. <c>text/plain</c>).</summary>
    public string Body(string mediaType) =>
        Parts.First(p => p.ContentType.Split(';')[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase)).Body;
}

namespace OrderTracking.Testing.Email;

/// <summary>One MIME part, body decoded (quoted-printable → text).</summary>
public sealed record ParsedPart(string ContentType, string TransferEncoding, string Body);

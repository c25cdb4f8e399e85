using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Core.Notifications;

/// <summary>
/// Name-based UUIDs: the same name always gives the same UUID. RFC 9562 §5.8 (version 8, custom): the first 16 bytes
/// of SHA-256 over a fixed namespace prefix and the UTF-8 name, with the version and variant bits set. Used for the
/// ACS <c>Operation-Id</c> header (a UUID) so a retried send carries the same id.
/// </summary>
public static class DeterministicGuid
{
    private const string NamespacePrefix = "OrderTracking.Notifications/";

    /// <summary>The UUID for <paramref name="name"/>.</summary>
    public static Guid Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(NamespacePrefix + name));
        Span<byte> bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant (10xx)
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary><paramref name="value"/> itself when it already is a UUID, otherwise <see cref="Create"/> of it.</summary>
    public static Guid FromOperationId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Guid.TryParse(value, out Guid parsed) ? parsed : Create(value);
    }
}

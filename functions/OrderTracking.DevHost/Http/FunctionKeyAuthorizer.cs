using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.DevHost.Http;

/// <summary>
/// Checks the function key from the <c>x-functions-key</c> header or the <c>code</c> query parameter, in constant time.
/// The DevHost has one key, which serves as function and master key.
/// </summary>
internal sealed class FunctionKeyAuthorizer(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    /// <summary>The level the request proves (<see cref="FunctionAuthLevel.Admin"/> with a valid key), or null.</summary>
    public FunctionAuthLevel? GrantedLevel(HttpRequest request)
    {
        string? presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key) ? FunctionAuthLevel.Admin : null;
    }

    public static bool Allows(FunctionAuthLevel required, FunctionAuthLevel? granted) =>
        required == FunctionAuthLevel.Anonymous || granted is { } level && level >= required;

    public static FunctionAuthLevel Required(FunctionDescriptor function) =>
        (function.TriggerBinding.GetString("authLevel") ?? "function").ToUpperInvariant() switch
        {
            "ANONYMOUS" => FunctionAuthLevel.Anonymous,
            "ADMIN" => FunctionAuthLevel.Admin,
            _ => FunctionAuthLevel.Function,
        };
}

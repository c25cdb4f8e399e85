using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Turns a failed storage response into <see cref="RequestFailedException"/> with status and storage error code:
/// the Table service answers OData JSON (<c>odata.error.code</c>), the Queue service XML (<c>&lt;Error&gt;&lt;Code&gt;</c>).
/// </summary>
internal static class StorageErrors
{
    public static RequestFailedException Create(Response response)
    {
        (string? code, string? detail) = Parse(response);
        string message = Describe(response.Status, response.ReasonPhrase, code, detail);
        return response.Status switch
        {
            409 when code == "EntityAlreadyExists" => new EntityAlreadyExistsException(message, code, null),
            412 => new PreconditionFailedException(message, code, null),
            _ => new RequestFailedException(response.Status, message, code, null),
        };
    }

    public static string Describe(int status, string? reason, string? code, string? detail) => string.Create(
        CultureInfo.InvariantCulture,
        $"Storage request failed: {status} {reason} (ErrorCode: {code ?? "none"}). {detail}").TrimEnd();

    public static (string? Code, string? Message) Parse(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out string? headerCode);
        BinaryData? body = response.Content;
        if (body is null || body.ToMemory().IsEmpty)
        {
            return (headerCode, null);
        }

        (string? code, string? message) = ParseBody(body.ToString());
        return (code ?? headerCode, message);
    }

    public static (string? Code, string? Message) ParseBody(string body)
    {
        string trimmed = body.TrimStart();
        try
        {
            if (trimmed.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(trimmed);
                if (json.RootElement.TryGetProperty("odata.error", out JsonElement error))
                {
                    string? code = error.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
                    string? message = error.TryGetProperty("message", out JsonElement m)
                        ? (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out JsonElement v) ? v.GetString() : m.ToString())
                        : null;
                    return (code, FirstLine(message));
                }
            }
            else if (trimmed.StartsWith('<'))
            {
                XElement root = XDocument.Parse(trimmed).Root!;
                return (root.Element("Code")?.Value, FirstLine(root.Element("Message")?.Value));
            }
        }
        catch (JsonException)
        {
            // Not the documented error shape; fall back to the x-ms-error-code header.
        }
        catch (XmlException)
        {
            // Same.
        }

        return (null, null);
    }

    // The service appends "\nRequestId:...\nTime:..." to messages; keep the human part.
    private static string? FirstLine(string? message) => message?.Split('\n')[0].Trim();
}

using System.Text.Json.Serialization;

namespace OrderTracking.Azure.Email.Wire;

/// <summary>Source-generated JSON for the ACS Email wire types (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(EmailMessage))]
[JsonSerializable(typeof(EmailSendResult))]
internal sealed partial class AcsJsonContext : JsonSerializerContext;

namespace OrderTracking.Carriers.Http;

/// <summary>An access token and its lifetime as the carrier stated it.</summary>
internal sealed record OAuthToken(string AccessToken, TimeSpan ExpiresIn);

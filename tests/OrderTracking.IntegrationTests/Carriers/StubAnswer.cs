namespace OrderTracking.IntegrationTests.Carriers;

/// <summary>What the stub carrier answers: status, JSON body and an optional <c>Retry-After</c> in seconds.</summary>
internal sealed record StubAnswer(int Status, string Body, int? RetryAfterSeconds = null);

namespace OrderTracking.Azure.Storage;

/// <summary>
/// One page of query results. <paramref name="ContinuationToken"/> is <c>null</c> on the last page; otherwise pass it to
/// <see cref="TableClient.QueryPageAsync"/> to read the next page.
/// </summary>
public sealed record TableQueryPage(IReadOnlyList<TableEntity> Values, string? ContinuationToken);

using Azure;

namespace OrderTracking.Azure.Storage;

/// <summary>One operation in an entity group transaction; <paramref name="ETag"/> defaults to the entity's ETag, then <c>*</c>.</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);

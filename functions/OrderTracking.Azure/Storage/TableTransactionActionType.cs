namespace OrderTracking.Azure.Storage;

/// <summary>The operation of one <see cref="TableTransactionAction"/>.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction when the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity (If-Match: the action's ETag, or <c>*</c>).</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity (If-Match: the action's ETag, or <c>*</c>).</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity (If-Match: the action's ETag, or <c>*</c>).</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}

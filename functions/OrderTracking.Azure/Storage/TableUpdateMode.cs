namespace OrderTracking.Azure.Storage;

/// <summary>How an update or upsert treats properties missing from the sent entity.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep stored properties that the sent entity does not have (HTTP MERGE/PATCH).</summary>
    Merge,

    /// <summary>Replace the whole stored entity (HTTP PUT).</summary>
    Replace,
}

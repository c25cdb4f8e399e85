namespace OrderTracking.DevHost;

/// <summary>The trigger of a function, from its raw bindings.</summary>
public enum TriggerKind
{
    /// <summary><c>httpTrigger</c>.</summary>
    Http,

    /// <summary><c>queueTrigger</c>.</summary>
    Queue,

    /// <summary><c>timerTrigger</c>.</summary>
    Timer,
}

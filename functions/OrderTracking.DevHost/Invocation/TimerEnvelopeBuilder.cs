using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Builds the timer envelope of reference §2.4: <c>TimerInfo</c> as a nested object (<c>ScheduleStatus</c> null, as the
/// host sends without a schedule monitor) and Metadata holding only <c>sys</c> (<c>TimerTrigger</c> is dropped).
/// </summary>
internal static class TimerEnvelopeBuilder
{
    public static JsonObject Build(FunctionDescriptor function, bool isPastDue, DateTimeOffset utcNow) => new()
    {
        ["Data"] = new JsonObject
        {
            [function.TriggerBinding.Name] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = null,
                ["IsPastDue"] = isPastDue,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = EnvelopeEncoder.CreateSys(function.Name, utcNow) },
    };
}

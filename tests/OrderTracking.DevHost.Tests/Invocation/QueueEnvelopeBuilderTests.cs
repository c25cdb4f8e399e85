using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Invocation;
using OrderTracking.DevHost.Queues;
using OrderTracking.DevHost.Tests.Support;

namespace OrderTracking.DevHost.Tests.Invocation;

public sealed class QueueEnvelopeBuilderTests
{
    private static readonly DateTimeOffset s_inserted = new(2026, 5, 1, 10, 0, 0, 321, TimeSpan.Zero);

    [Fact]
    public void Build_ReferenceExample_MatchesWhatTheHostProduces()
    {
        // Reference §2.3 "what the host code actually produces" (sys is random and checked separately).
        var message = new ReceivedMessage(
            "3f6c0a8e-8d5e-4e0a-9d1e-1a2b3c4d5e6f", "AgAAAAMAAAAAAAAA", """{"orderId":"A-1001","status":"shipped"}""", 1,
            s_inserted, s_inserted.AddDays(7), s_inserted.AddMinutes(10));

        JsonObject envelope = QueueEnvelopeBuilder.Build(Function("OrderStatusChanged", "order"), message, s_inserted);

        JsonObject sys = envelope["Metadata"]!["sys"]!.AsObject();
        envelope["Metadata"]!.AsObject().Remove("sys");
        JsonNode expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "queue-envelope-reference.json")))!;
        Assert.True(JsonNode.DeepEquals(expected, envelope), envelope.ToJsonString());
        Assert.Equal("OrderStatusChanged", sys["MethodName"]!.GetValue<string>());
        Assert.Equal("2026-05-01T10:00:00.321Z", sys["UtcNow"]!.GetValue<string>());
        Assert.True(Guid.TryParse(sys["RandGuid"]!.GetValue<string>(), out _));
    }

    [Fact]
    public void Build_JsonMessage_CopiesOnlyTopLevelNonArrayPropertiesAsTheHostConvertsThem()
    {
        var message = new ReceivedMessage("id", "pr", """{"n":5,"ok":true,"nested":{"a":1},"list":[1],"none":null,"text":"a\"b"}""", 3, s_inserted, s_inserted, s_inserted);

        JsonObject metadata = QueueEnvelopeBuilder.Build(Function("F", "m"), message, s_inserted)["Metadata"]!.AsObject();

        Assert.Equal("\"5\"", metadata["n"]!.GetValue<string>());
        Assert.Equal("\"True\"", metadata["ok"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":1}"""), metadata["nested"]));
        Assert.Equal("\"a\\\"b\"", metadata["text"]!.GetValue<string>());
        Assert.Equal("3", metadata["DequeueCount"]!.GetValue<string>());
        Assert.False(metadata.ContainsKey("list"));
        Assert.False(metadata.ContainsKey("none"));
        Assert.False(metadata.ContainsKey("QueueTrigger"));
    }

    [Fact]
    public void Build_MessagePropertyNamedLikeBindingData_ReplacesItCaseInsensitively()
    {
        // Utility.ApplyBindingData writes message properties into the (case-insensitive) binding data after the trigger's own.
        var message = new ReceivedMessage("real-id", "pr", """{"id":"from-message"}""", 1, s_inserted, s_inserted, s_inserted);

        JsonObject metadata = QueueEnvelopeBuilder.Build(Function("F", "m"), message, s_inserted)["Metadata"]!.AsObject();

        Assert.Equal("\"from-message\"", metadata["Id"]!.GetValue<string>());
        Assert.Single(metadata, p => p.Key.Equals("id", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Build_PlainTextMessage_DoubleEncodesAndAddsNoProperties()
    {
        var message = new ReceivedMessage("id", "pr", "héllo <b>&", 1, s_inserted, s_inserted, s_inserted);

        JsonObject envelope = QueueEnvelopeBuilder.Build(Function("F", "m"), message, s_inserted);

        Assert.Equal("\"héllo <b>&\"", envelope["Data"]!["m"]!.GetValue<string>());
        Assert.Equal(["DequeueCount", "ExpirationTime", "Id", "InsertionTime", "NextVisibleTime", "PopReceipt", "sys"], envelope["Metadata"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Build_Timer_SendsTimerInfoObjectAndOnlySys()
    {
        JsonObject envelope = TimerEnvelopeBuilder.Build(Function("Sweep", "timer"), isPastDue: false, s_inserted);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}"""), envelope["Data"]!["timer"]));
        Assert.Equal(["sys"], envelope["Metadata"]!.AsObject().Select(p => p.Key));
    }

    private static FunctionDescriptor Function(string name, string bindingName)
    {
        using var root = new TempAppRoot();
        string file = root.AddFunction(name, $$"""{ "bindings": [ { "name": "{{bindingName}}", "type": "queueTrigger", "direction": "in", "queueName": "q" } ] }""");
        return FunctionMetadataReader.Read(name, file, new SettingExpander(new Dictionary<string, string?>()));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Queues;
using OrderTracking.DevHost.Rpc;
using OrderTracking.DevHost.Startup;
using OrderTracking.DevHost.Tests.Support;
using OrderTracking.DevHost.Timers;
using OrderTracking.DevHost.Worker;

namespace OrderTracking.DevHost.Tests.Worker;

/// <summary>The pure parts of DevHost 2: configuration, command line, invocation payloads, output splitting.</summary>
public sealed class WorkerUnitTests
{
    private static readonly DateTimeOffset s_inserted = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AppSettings_AVariableInTheEnvironment_WinsOverLocalSettings_UnderEitherSpelling()
    {
        var local = new Dictionary<string, string?>
        {
            ["Shopify__WebhookSecrets"] = "sample-secret",
            ["Stripe:WebhookSecrets"] = "whsec_sample",
            ["PollSchedule"] = "*/10 * * * * *",
        };
        var environment = new Dictionary<string, string> { ["Shopify__WebhookSecrets"] = "real-secret", ["Stripe__WebhookSecrets"] = "whsec_real" };

        (Dictionary<string, string?> settings, IReadOnlyList<string> skipped) = AppSettingsResolver.Resolve(local, n => environment.GetValueOrDefault(n));

        Assert.Equal(["PollSchedule"], settings.Keys);
        Assert.Equal(["Shopify__WebhookSecrets", "Stripe:WebhookSecrets"], skipped);
        Assert.Equal("real-secret", AppSettingsResolver.Effective("Shopify__WebhookSecrets", settings, n => environment.GetValueOrDefault(n)));
        Assert.Equal("*/10 * * * * *", AppSettingsResolver.Effective("PollSchedule", settings, n => environment.GetValueOrDefault(n)));
    }

    [Fact]
    public void WorkerConfig_OfTheTestAppBuild_IsDotnetWithTheAppDll()
    {
        WorkerConfig config = WorkerConfig.Read(TestApp.AppRoot);

        Assert.Equal("dotnet", config.ExecutablePath);
        Assert.Equal(Path.GetFullPath(Path.Combine(TestApp.AppRoot, "OrderTracking.DevHost.TestApp.dll")), config.WorkerPath);
        Assert.True(config.WorkerIndexing);
    }

    [Fact]
    public void WorkerConfig_WorkerRootAndLanguage_AreResolvedAndChecked()
    {
        using var root = new TempAppRoot();
        File.WriteAllText(Path.Combine(root.Path, "App"), string.Empty);
        File.WriteAllText(Path.Combine(root.Path, WorkerConfig.FileName), """{"description":{"language":"dotnet-isolated","defaultExecutablePath":"{WorkerRoot}App","defaultWorkerPath":"","workerIndexing":"false"}}""");

        WorkerConfig config = WorkerConfig.Read(root.Path);

        Assert.Equal(Path.Combine(root.Path, "App"), config.ExecutablePath);
        Assert.False(config.WorkerIndexing);

        File.WriteAllText(Path.Combine(root.Path, WorkerConfig.FileName), """{"description":{"language":"node","defaultExecutablePath":"node"}}""");
        DevHostConfigurationException error = Assert.Throws<DevHostConfigurationException>(() => WorkerConfig.Read(root.Path));
        Assert.Contains("language 'node' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartInfo_HasTheHostsArgumentsWorkingDirectoryAndEnvironment()
    {
        var config = new WorkerConfig("dotnet", "/app/App.dll", true);
        var settings = new Dictionary<string, string?> { ["Tracking:ReadTokenKey"] = "k", ["ASPNETCORE_URLS"] = null };
        var options = new WorkerProcessOptions("/app", config, new Uri("http://127.0.0.1:5555/"), settings, TimeSpan.FromSeconds(60));

        System.Diagnostics.ProcessStartInfo info = WorkerStartInfoFactory.Create(options, "wid", "rid");

        Assert.Equal("dotnet", info.FileName);
        Assert.Equal("/app", info.WorkingDirectory);
        string args = string.Join(' ', info.ArgumentList);
        Assert.StartsWith("/app/App.dll ", args, StringComparison.Ordinal);
        Assert.EndsWith("--functions-uri http://127.0.0.1:5555/ --functions-worker-id wid --functions-request-id rid --functions-grpc-max-message-length 2147483647", args, StringComparison.Ordinal);
        Assert.Equal("dotnet-isolated", info.Environment["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("/app", info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"]);
        Assert.Equal("/app", info.Environment["FUNCTIONS_WORKER_DIRECTORY"]);
        Assert.Equal("k", info.Environment["Tracking__ReadTokenKey"]);
        Assert.True(info.RedirectStandardOutput && info.RedirectStandardError && !info.UseShellExecute);
    }

    [Fact]
    public void QueueInvocation_MetadataIsTheHostsBindingData_WithNoIntOrDoubleTypedData()
    {
        FunctionDescriptor function = Function("""[{"name":"message","type":"queueTrigger","direction":"In","queueName":"q","dataType":"String"}]""");
        var message = new ReceivedMessage("mid", "pop", """{"orderId":"A-1","n":5,"ok":true,"nested":{"a":1},"list":[1],"none":null}""", 2, s_inserted, s_inserted.AddDays(7), s_inserted);

        InvocationRequest request = InvocationBuilder.Queue(function, "fid", "iid", message);

        Assert.Equal("fid", request.FunctionId);
        Assert.NotNull(request.TraceContext);
        Assert.Equal(message.Text, request.InputData.Single(b => b.Name == "message").Data.String);
        Assert.Equal("2", request.TriggerMetadata["DequeueCount"].Json);
        Assert.Equal("mid", request.TriggerMetadata["Id"].String);
        Assert.Equal("pop", request.TriggerMetadata["PopReceipt"].String);
        Assert.Equal("\"2026-05-01T10:00:00+00:00\"", request.TriggerMetadata["InsertionTime"].Json);
        Assert.Equal(message.Text, request.TriggerMetadata["QueueTrigger"].String);
        Assert.Equal("A-1", request.TriggerMetadata["orderId"].String);
        Assert.Equal("5", request.TriggerMetadata["n"].String);
        Assert.Equal("True", request.TriggerMetadata["ok"].String);
        Assert.Equal("""{"a":1}""", request.TriggerMetadata["nested"].Json);
        Assert.False(request.TriggerMetadata.ContainsKey("list"));
        Assert.False(request.TriggerMetadata.ContainsKey("none"));
        Assert.DoesNotContain(request.TriggerMetadata.Values, v => v.DataCase is TypedData.DataOneofCase.Int or TypedData.DataOneofCase.Double);
    }

    [Fact]
    public void QueueInvocation_BinaryAndDeferredBindings_GetBytesAndModelBindingData()
    {
        var message = new ReceivedMessage("mid", "pop", "hi", 1, s_inserted, s_inserted, s_inserted);
        FunctionDescriptor binary = Function("""[{"name":"m","type":"queueTrigger","direction":"In","queueName":"q","dataType":"Binary"}]""");
        FunctionDescriptor deferred = Function("""[{"name":"m","type":"queueTrigger","direction":"In","queueName":"q","properties":{"supportsDeferredBinding":"True"}}]""");

        TypedData bytes = InvocationBuilder.Queue(binary, "f", "i", message).InputData[0].Data;
        TypedData model = InvocationBuilder.Queue(deferred, "f", "i", message).InputData[0].Data;

        Assert.Equal("hi"u8.ToArray(), bytes.Bytes.ToByteArray());
        Assert.Equal("AzureStorageQueues", model.ModelBindingData.Source);
        Assert.Equal("application/json", model.ModelBindingData.ContentType);
        using JsonDocument content = JsonDocument.Parse(model.ModelBindingData.Content.ToStringUtf8());
        Assert.Equal("mid", content.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal("hi", content.RootElement.GetProperty("MessageText").GetString());
    }

    [Fact]
    public void TimerInvocation_IsTimerInfoJson_WithStatusOnlyWhenMonitored()
    {
        FunctionDescriptor function = Function("""[{"name":"timer","type":"timerTrigger","direction":"In","schedule":"0 */5 * * * *"}]""");
        var status = new TimerScheduleStatus(new DateTime(2026, 5, 1, 9, 45, 0, DateTimeKind.Utc), new DateTime(2026, 5, 1, 9, 50, 0, DateTimeKind.Utc), new DateTime(2026, 5, 1, 9, 45, 1, DateTimeKind.Utc));

        JsonNode monitored = JsonNode.Parse(InvocationBuilder.Timer(function, "f", "i", new TimerTriggerData(true, status), s_inserted).InputData[0].Data.Json)!;
        JsonNode unmonitored = JsonNode.Parse(InvocationBuilder.Timer(function, "f", "i", new TimerTriggerData(false, null), s_inserted).InputData[0].Data.Json)!;

        Assert.True(monitored["IsPastDue"]!.GetValue<bool>());
        Assert.Equal("2026-05-01T09:50:00+00:00", monitored["ScheduleStatus"]!["Next"]!.GetValue<string>());
        Assert.True(monitored["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        Assert.Null(unmonitored["ScheduleStatus"]);
    }

    [Theory]
    [InlineData("string", "plain", new[] { "plain" })]
    [InlineData("string", """["a","b"]""", new[] { "a", "b" })]
    [InlineData("string", """{"k":1}""", new[] { """{"k":1}""" })]
    [InlineData("json", """["a",{"k":1},2]""", new[] { "a", """{"k":1}""", "2" })]
    [InlineData("json", """{"k":[1]}""", new[] { """{"k":[1]}""" })]
    [InlineData("json", "\"text\"", new[] { "text" })]
    public void QueueOutput_IsSplitAsTheHostsCollectorDoes(string kind, string value, string[] expected)
    {
        TypedData data = kind == "string" ? new TypedData { String = value } : new TypedData { Json = value };

        Assert.Equal(expected, TypedDataReader.ToQueueMessages(data).Select(b => b.ToString()));
    }

    [Fact]
    public void QueueOutput_CollectionsAndBytes_AreOneMessageEach_AndNothingIsNothing()
    {
        var strings = new TypedData { CollectionString = new CollectionString { String = { "x", "y" } } };
        var bytes = new TypedData { Bytes = ByteString.CopyFrom([1, 2, 3]) };

        Assert.Equal(["x", "y"], TypedDataReader.ToQueueMessages(strings).Select(b => b.ToString()));
        Assert.Equal(new byte[] { 1, 2, 3 }, TypedDataReader.ToQueueMessages(bytes).Single().ToArray());
        Assert.Empty(TypedDataReader.ToQueueMessages(new TypedData()));
        Assert.Empty(TypedDataReader.ToQueueMessages(null));
    }

    [Fact]
    public void UnsupportedBinding_StopsStartUp_NamingTheFunctionAndTheBinding()
    {
        DevHostConfigurationException error = Assert.Throws<DevHostConfigurationException>(() => FunctionMetadataReader.Create(
            "Archive",
            JsonNode.Parse("""[{"name":"message","type":"queueTrigger","direction":"In","queueName":"q"},{"name":"archive","type":"blob","direction":"Out","path":"c/{id}"}]""")!.AsArray(),
            "function 'Archive' (App.Archive.Run)",
            new SettingExpander(new Dictionary<string, string?>())));

        Assert.Contains("function 'Archive'", error.Message, StringComparison.Ordinal);
        Assert.Contains("binding 'archive' has type 'blob', which the DevHost does not support", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSettingInATimerSchedule_StopsStartUp_NamingTheSetting()
    {
        DevHostConfigurationException error = Assert.Throws<DevHostConfigurationException>(() => FunctionMetadataReader.Create(
            "Tick",
            JsonNode.Parse("""[{"name":"timer","type":"timerTrigger","direction":"In","schedule":"%NoSuchSchedule%"}]""")!.AsArray(),
            "function 'Tick'",
            new SettingExpander(new Dictionary<string, string?>())));

        Assert.Contains("'NoSuchSchedule' is not defined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionsMetadataFile_OfTheTestAppBuild_GivesLoadableMetadata()
    {
        IReadOnlyList<RpcFunctionMetadata> functions = FunctionsMetadataFile.Read(TestApp.AppRoot);

        RpcFunctionMetadata emit = functions.Single(f => f.Name == "Emit");
        Assert.Equal("OrderTracking.DevHost.TestApp.dll", emit.ScriptFile);
        Assert.Equal("OrderTracking.DevHost.TestApp.QueueFunctions.Emit", emit.EntryPoint);
        Assert.Equal(BindingInfo.Types.Direction.Out, emit.Bindings["$return"].Direction);
        Assert.Equal(2, emit.RawBindings.Count);
        Assert.True(Guid.TryParse(emit.FunctionId, out _));
    }

    private static FunctionDescriptor Function(string bindings) =>
        FunctionMetadataReader.Create("F", JsonNode.Parse(bindings)!.AsArray(), "test", new SettingExpander(new Dictionary<string, string?>()));
}

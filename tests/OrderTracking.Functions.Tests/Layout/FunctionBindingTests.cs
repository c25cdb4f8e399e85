using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace OrderTracking.Functions.Tests.Layout;

/// <summary>Every <c>function.json</c> binds to an endpoint the handler really serves, and follows DESIGN §4 names.</summary>
public sealed class FunctionBindingTests : IClassFixture<FunctionBindingTests.HandlerFactory>
{
    private static readonly string s_functionsDir = Path.Combine(FunctionLayout.SourceRoot, "functions", "OrderTracking.Functions");
    private readonly IReadOnlyList<RouteEndpoint> _endpoints;

    public FunctionBindingTests(HandlerFactory factory)
    {
        _endpoints = [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];
    }

    public sealed class HandlerFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("AzureWebJobsStorage", "UseDevelopmentStorage=true");
            builder.UseSetting("Tracking:ReadTokenKey", "binding-test-key-0123456789");
        }
    }

    public static TheoryData<string> FunctionNames() => [.. FunctionLayout.Read(s_functionsDir).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_BindsToAServedEndpoint(string name)
    {
        JsonArray bindings = FunctionLayout.Read(s_functionsDir).Single(f => f.Name == name).Bindings;
        JsonNode trigger = bindings.Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;

        if ((string)trigger["type"]! == "httpTrigger")
        {
            // HTTP-only functions are forwarded on their original path (reference §2.6): exactly one trigger and one http output.
            Assert.Equal(2, bindings.Count);
            Assert.Single(bindings, b => (string)b!["type"]! == "http");
            foreach (string path in ConcretePaths((string)trigger["route"]!))
            {
                foreach (string method in trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()))
                {
                    Assert.True(Serves(path, method), $"{name}: no handler endpoint for {method} {path}");
                }
            }
        }
        else
        {
            Assert.True(Serves("/" + name, "POST"), $"{name}: no handler endpoint for POST /{name}");
        }
    }

    [Fact]
    public void QueueTriggers_UseTheContractQueueNames()
    {
        var queues = FunctionLayout.Read(s_functionsDir)
            .SelectMany(f => f.Bindings.Where(b => (string)b!["type"]! == "queueTrigger").Select(b => (f.Name, Queue: (string)b!["queueName"]!)))
            .ToDictionary(x => x.Name, x => x.Queue);

        Assert.Equal("inbound-events", queues["IngestEvent"]);
        Assert.Equal("poll-requests", queues["PollCarrier"]);
        Assert.All(queues.Values, q => Assert.Contains(q, new[] { "inbound-events", "poll-requests", "notifications", "platform-sync" }));
    }

    /// <summary>A route whose only segment is a regex alternation (<c>{x:regex(^(a|b)$)}</c>) stands for its literals.</summary>
    private static IEnumerable<string> ConcretePaths(string route)
    {
        System.Text.RegularExpressions.Match m = System.Text.RegularExpressions.Regex.Match(route, @"^\{\w+:regex\(\^\((?<alt>[^)]*)\)\$\)\}$");
        return m.Success
            ? m.Groups["alt"].Value.Split('|').Select(a => "/api/" + a.Replace("\\.", ".", StringComparison.Ordinal))
            : ["/api/" + route];
    }

    private bool Serves(string path, string method) => _endpoints.Any(e =>
        Normalize(e.RoutePattern) == Normalize(RoutePatternFactory.Parse(path))
        && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? true));

    private static string Normalize(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content.ToLowerInvariant(),
            RoutePatternParameterPart => "{}",
            _ => "?",
        }))));
}

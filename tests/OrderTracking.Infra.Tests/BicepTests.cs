using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using OrderTracking.Testing;

namespace OrderTracking.Infra.Tests;

/// <summary>
/// <c>bicep build</c> and <c>bicep lint</c> over <c>infra/main.bicep</c> (the CLI comes from the NuGet package
/// Azure.Bicep.CommandLine.linux-x64): zero errors, zero warnings; and the compiled template runs the app as a .NET 10
/// isolated worker on Flex Consumption.
/// </summary>
public sealed class BicepTests
{
    private static readonly string s_bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');

    private static readonly string s_main = Path.Combine(RepositoryLayout.Root, "infra", "main.bicep");

    [Fact]
    public async Task Build_HasNoErrorsOrWarnings()
    {
        (int exitCode, string output, string errors) = await RunAsync("build", s_main, "--stdout");

        Assert.True(exitCode == 0, errors);
        Assert.Equal(string.Empty, errors.Trim());
        Assert.NotNull(JsonNode.Parse(output));
    }

    [Fact]
    public async Task Lint_HasNoErrorsOrWarnings()
    {
        (int exitCode, string output, string errors) = await RunAsync("lint", s_main);

        Assert.True(exitCode == 0, output + errors);
        Assert.Equal(string.Empty, (output + errors).Trim());
    }

    [Fact]
    public async Task Template_RunsTheAppAsDotnetIsolated10_WithAtLeast40Instances()
    {
        (_, string output, _) = await RunAsync("build", Path.Combine(RepositoryLayout.Root, "infra", "app", "api.bicep"), "--stdout");
        JsonNode template = JsonNode.Parse(output)!;

        Assert.Equal("dotnet-isolated", (string?)template["parameters"]!["runtimeName"]!["defaultValue"]);
        Assert.Equal("10.0", (string?)template["parameters"]!["runtimeVersion"]!["defaultValue"]);
        Assert.Equal(["dotnet-isolated"], template["parameters"]!["runtimeName"]!["allowedValues"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(40, (int)template["parameters"]!["maximumInstanceCount"]!["minValue"]!);
        Assert.Contains("WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_QueryTheMetricsTheAppEmits_PoisonAbove0_AndCarrier429Share()
    {
        (_, string output, _) = await RunAsync("build", Path.Combine(RepositoryLayout.Root, "infra", "app", "alerts.bicep"), "--stdout");
        JsonNode[] rules = [.. JsonNode.Parse(output)!["resources"]!.AsArray().Where(r => (string?)r!["type"] == "Microsoft.Insights/scheduledQueryRules").Select(r => r!)];
        Assert.Equal(2, rules.Length);
        string telemetry = await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "functions", "OrderTracking.Functions", "Hosting", "Telemetry.cs"));
        foreach (string metric in new[] { "ordertracking.queue.poison.length", "ordertracking.carrier.calls", "ordertracking.carrier.throttled" })
        {
            Assert.Contains($"\"{metric}\"", telemetry, StringComparison.Ordinal); // the app emits it ...
            Assert.Contains(metric, output, StringComparison.Ordinal); // ... and an alert reads it
        }

        JsonNode poison = rules.Single(r => ((string?)r["name"])!.Contains("poison", StringComparison.Ordinal));
        JsonNode criterion = poison["properties"]!["criteria"]!["allOf"]![0]!;
        Assert.Equal(("GreaterThan", 0), ((string?)criterion["operator"], (int)criterion["threshold"]!));
        string main = (await RunAsync("build", Path.Combine(RepositoryLayout.Root, "infra", "main.bicep"), "--stdout")).Output;
        Assert.Contains("alerts", main, StringComparison.Ordinal); // wired into the deployment
    }

    [Fact]
    public async Task StorageTemplate_CreatesEveryTableTheAppUses()
    {
        (_, string output, _) = await RunAsync("build", Path.Combine(RepositoryLayout.Root, "infra", "app", "storage.bicep"), "--stdout");
        string[] created = [.. JsonNode.Parse(output)!["parameters"]!["tableNames"]!["defaultValue"]!.AsArray().Select(v => (string)v!)];
        string source = await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "functions", "OrderTracking.Functions", "Storage", "TableNames.cs"));
        string[] used = [.. System.Text.RegularExpressions.Regex.Matches(source, "public const string \\w+ = \"(\\w+)\";").Select(m => m.Groups[1].Value)];

        Assert.True(used.Length >= 10, $"only {used.Length} table names found in TableNames.cs");
        Assert.Equal(used.Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(s_bicep), $"Bicep CLI not restored at {s_bicep}");
        var info = new ProcessStartInfo(s_bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}

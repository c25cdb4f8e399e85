using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderTracking.Azure.Email;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Tests.Email;

public sealed class EmailServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEmail_NothingConfigured_OutboxUnderCurrentDirectoryAndLogsFolder()
    {
        (IEmailSender sender, List<string> logs) = Resolve(new Dictionary<string, string?> { ["Email:ConnectionString"] = "", ["Email:Endpoint"] = " " });

        OutboxEmailSender outbox = Assert.IsType<OutboxEmailSender>(sender);
        Assert.Equal(Path.GetFullPath(".outbox"), outbox.Directory);
        Assert.Contains(logs, l => l.Contains("local outbox", StringComparison.Ordinal) && l.Contains(outbox.Directory, StringComparison.Ordinal));
    }

    [Fact]
    public void AddEmail_ConnectionString_AcsAndLogsHostButNeverTheKey()
    {
        (IEmailSender sender, List<string> logs) = Resolve(new Dictionary<string, string?>
        {
            ["Email:ConnectionString"] = $"endpoint=https://contoso.communication.azure.com/;accesskey={AcsHmacAuthenticationPolicyTests.AccessKey}",
            ["Email:Sender"] = "DoNotReply@contoso.example",
        });

        Assert.IsType<AcsEmailSender>(sender);
        Assert.Contains(logs, l => l.Contains("contoso.communication.azure.com", StringComparison.Ordinal) && l.Contains("access key", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(AcsHmacAuthenticationPolicyTests.AccessKey, StringComparison.Ordinal));
    }

    [Fact]
    public void AddEmail_EndpointOnly_AcsWithEntraId()
    {
        (IEmailSender sender, List<string> logs) = Resolve(new Dictionary<string, string?> { ["Email:Endpoint"] = "https://contoso.communication.azure.com" });

        Assert.IsType<AcsEmailSender>(sender);
        Assert.Contains(logs, l => l.Contains("Entra ID", StringComparison.Ordinal));
    }

    [Fact]
    public void FromConfiguration_Defaults()
    {
        EmailOptions options = EmailOptions.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal("DoNotReply@localhost", options.Sender);
        Assert.Equal(".outbox", options.OutboxDirectory);
        Assert.Equal("2025-09-01", options.ApiVersion);
        Assert.False(options.UsesAcs);
    }

    private static (IEmailSender Sender, List<string> Logs) Resolve(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new List<string>();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(new ListLoggerProvider(logs)));
        services.AddEmail(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IEmailSender>(), logs);
    }

    private sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception));
    }
}

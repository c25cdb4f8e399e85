using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Azure.Sms;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Tests.Sms;

/// <summary>
/// The Twilio adapter through the real Twilio SDK (8.2.0) against a local stub of the Messages API written from
/// Twilio's published schema (reference: sms-and-unsubscribe.md §1): path, Basic auth, form fields, and what each
/// kind of answer becomes.
/// </summary>
public sealed class TwilioSmsSenderTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Send_PostsTheFormWithBasicAuthToTheAccountsMessagesPath_AndReturnsTheSid()
    {
        await using var stub = await TwilioStub.StartAsync(201, """{"sid":"SM0123456789abcdef0123456789abcdef","account_sid":"AC0123456789abcdef0123456789abcdef","status":"queued","to":"+14155550100","from":"+15005550006","body":"hi","num_segments":"1","direction":"outbound-api","api_version":"2010-04-01"}""");
        TwilioSmsSender sender = Create(stub, new SmsOptions { AccountSid = AccountSid, AuthToken = "token-1", From = "+15005550006", BaseUrl = stub.BaseUrl });

        SmsSendResult result = await sender.SendAsync(new SmsMessage("+14155550100", "Order A-1: your package was delivered. https://x.test/t"), "op-1", CancellationToken.None);

        Assert.Equal("SM0123456789abcdef0123456789abcdef", result.ProviderMessageId);
        (string path, string auth, Dictionary<string, string> form) = Assert.Single(stub.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{AccountSid}:token-1")), auth);
        Assert.Equal("+14155550100", form["To"]);
        Assert.Equal("+15005550006", form["From"]);
        Assert.Equal("Order A-1: your package was delivered. https://x.test/t", form["Body"]);
        Assert.Equal("14400", form["ValidityPeriod"]);
    }

    [Fact]
    public async Task Send_WithAnApiKeyAndAMessagingService_AuthenticatesWithTheKey_AndKeepsTheAccountInThePath()
    {
        await using var stub = await TwilioStub.StartAsync(201, """{"sid":"SM1","status":"accepted"}""");
        TwilioSmsSender sender = Create(stub, new SmsOptions { AccountSid = AccountSid, ApiKey = "SKkey", ApiSecret = "secret", MessagingServiceSid = "MGservice", BaseUrl = stub.BaseUrl });

        await sender.SendAsync(new SmsMessage("+34600000001", "Pedido 1"), "op-2", CancellationToken.None);

        (string path, string auth, Dictionary<string, string> form) = Assert.Single(stub.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("SKkey:secret")), auth);
        Assert.Equal("MGservice", form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
    }

    [Theory]
    [InlineData(429, 20429, true)]
    [InlineData(400, 21211, false)]
    [InlineData(400, 21610, false)]
    public async Task Send_A4xx_IsARejection_RetryableOnlyFor429(int status, int code, bool retryable)
    {
        await using var stub = await TwilioStub.StartAsync(status, $$"""{"code":{{code}},"message":"refused","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""");
        TwilioSmsSender sender = Create(stub, new SmsOptions { AccountSid = AccountSid, AuthToken = "t", From = "+15005550006", BaseUrl = stub.BaseUrl });

        SmsRejectedException ex = await Assert.ThrowsAsync<SmsRejectedException>(() => sender.SendAsync(new SmsMessage("+14155550100", "x"), "op", CancellationToken.None));

        Assert.Equal(status, ex.Status);
        Assert.Equal(code, ex.Code);
        Assert.Equal(retryable, ex.Retryable);
    }

    [Fact]
    public async Task Send_A5xxOrNoServer_IsNotARejection_TheOutcomeIsUnknown()
    {
        await using var stub = await TwilioStub.StartAsync(503, """{"code":20500,"message":"Internal Server Error","status":503}""");
        TwilioSmsSender failing = Create(stub, new SmsOptions { AccountSid = AccountSid, AuthToken = "t", From = "+15005550006", BaseUrl = stub.BaseUrl });
        Exception server = await Assert.ThrowsAnyAsync<Exception>(() => failing.SendAsync(new SmsMessage("+14155550100", "x"), "op", CancellationToken.None));
        Assert.IsNotType<SmsRejectedException>(server);

        var options = new SmsOptions { AccountSid = AccountSid, AuthToken = "t", From = "+15005550006", BaseUrl = $"http://127.0.0.1:{FreePort()}" };
        var nowhere = new TwilioSmsSender(options, TwilioSmsSender.CreateHttpClient(options), NullLogger<TwilioSmsSender>.Instance);
        Exception connection = await Assert.ThrowsAnyAsync<Exception>(() => nowhere.SendAsync(new SmsMessage("+14155550100", "x"), "op", CancellationToken.None));
        Assert.IsNotType<SmsRejectedException>(connection);
    }

    [Theory]
    [InlineData(null, null, null, false)]                                   // nothing: the outbox
    [InlineData(AccountSid, "token", "+15005550006", true)]
    public void AddSms_ChoosesTwilioOnlyWithCredentials(string? sid, string? token, string? from, bool twilio)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = sid, ["Twilio:AuthToken"] = token, ["Twilio:From"] = from, ["Sms:OutboxDirectory"] = Path.GetTempPath(),
        }).Build();
        using ServiceProvider provider = new ServiceCollection().AddLogging().AddSms(configuration).BuildServiceProvider();
        ISmsSender sender = provider.GetRequiredService<ISmsSender>();
        Assert.Equal(twilio, sender is TwilioSmsSender);
        Assert.Equal(!twilio, sender is OutboxSmsSender);
    }

    [Theory]
    [InlineData("AC1", null, null, "Twilio is half configured")]
    [InlineData("AC1", "token", null, "Twilio needs a sender")]
    public void HalfATwilioConfiguration_StopsTheAppNamingTheKey(string sid, string? token, string? from, string message)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = sid, ["Twilio:AuthToken"] = token, ["Twilio:From"] = from,
        }).Build();
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => SmsOptions.FromConfiguration(configuration));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_WritesOneFilePerOperation_ARetryOverwritesIt()
    {
        string folder = Path.Combine(Path.GetTempPath(), "ot-sms-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outbox = new OutboxSmsSender(new SmsOptions { OutboxDirectory = folder }, NullLogger<OutboxSmsSender>.Instance);
            await outbox.SendAsync(new SmsMessage("+14155550100", "first"), "op-same", CancellationToken.None);
            await outbox.SendAsync(new SmsMessage("+14155550100", "second"), "op-same", CancellationToken.None);
            await outbox.SendAsync(new SmsMessage("+14155550100", "other"), "op-other", CancellationToken.None);

            string[] files = Directory.GetFiles(folder, "*.txt");
            Assert.Equal(2, files.Length);
            Assert.Contains(files, f => File.ReadAllText(f) == "To: +14155550100\n\nsecond\n");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TwilioSmsSender Create(TwilioStub stub, SmsOptions options) =>
        new(options, TwilioSmsSender.CreateHttpClient(options), NullLogger<TwilioSmsSender>.Instance);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kestrel on 127.0.0.1:0 answering every request with one status and JSON body, recording what it got.</summary>
    private sealed class TwilioStub : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private TwilioStub(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Path, string Authorization, Dictionary<string, string> Form)> Requests { get; } = new();

        public string BaseUrl { get; private set; } = string.Empty;

        public static async Task<TwilioStub> StartAsync(int status, string json)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var stub = new TwilioStub(builder.Build());
            stub._app.Run(async context =>
            {
                IFormCollection form = await context.Request.ReadFormAsync();
                stub.Requests.Enqueue((context.Request.Path.Value!, context.Request.Headers.Authorization.ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString())));
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json);
            });
            await stub._app.StartAsync();
            stub.BaseUrl = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return stub;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}

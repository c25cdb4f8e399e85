using OrderTracking.DevHost.TestHandler;

// Listens where the host says (reference §1.2); prints its arguments so tests can check %VAR% expansion and stdout capture.
Console.WriteLine($"testhandler started with args: {string.Join(' ', args)}");
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
string port = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? "7072";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
builder.Services.AddSingleton(new RequestRecorder(builder.Configuration["TestHandler:RecordDirectory"]));
WebApplication app = builder.Build();
app.MapGet("/", () => Results.Ok());
ForwardedEndpoints.Map(app);
EnvelopeEndpoints.Map(app);
app.Run();

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
string port = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? "7072";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
WebApplication app = builder.Build();
app.MapGet("/", () => Results.Ok());
app.Run();

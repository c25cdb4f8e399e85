WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
string port = Environment.GetEnvironmentVariable("HELLO_WORLD_PORT") ?? "7072";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
WebApplication app = builder.Build();
app.MapGet("/", () => Results.Ok());
app.Run();

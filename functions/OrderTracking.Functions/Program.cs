WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
WebApplication app = builder.Build();
app.MapGet("/", () => Results.Ok());
app.Run();

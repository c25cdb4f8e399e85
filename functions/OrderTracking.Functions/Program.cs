using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using OrderTracking.Functions;

// A .NET isolated-worker Functions app with the ASP.NET Core integration (DESIGN §2): the host starts this process,
// indexes the [Function] methods over gRPC and proxies HTTP requests to it; queue and timer triggers arrive as
// invocations. Storage is written through SDK clients registered once (AddFunctionApp).
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProblemDetails();
builder.Services.AddFunctionApp(builder.Configuration);
builder.Build().Run();

using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OrderTracking.Functions;
using OrderTracking.Functions.Hosting;

// A .NET isolated-worker Functions app with the ASP.NET Core integration (DESIGN §2): the host starts this process,
// indexes the [Function] methods over gRPC and proxies HTTP requests to it; queue and timer triggers arrive as
// invocations. Storage is written through SDK clients registered once (AddFunctionApp).
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProblemDetails();
builder.Services.AddFunctionApp(builder.Configuration);

// Telemetry (docs/operations.md): the Functions invocation spans and the app's own (webhook → ingest → poll → email)
// and metrics, exported to Application Insights when its connection string is set (azd sets it); otherwise kept in
// process, at no cost beyond the instruments.
OpenTelemetryBuilder telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(t => t.AddSource(Telemetry.Name))
    .WithMetrics(m => m.AddMeter(Telemetry.Name));
telemetry.UseFunctionsWorkerDefaults();
if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    Azure.Core.TokenCredential? credential = TelemetryExport.Credential(builder.Configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    telemetry.UseAzureMonitorExporter(o =>
    {
        if (credential is not null)
        {
            o.Credential = credential; // managed identity: the template turns off instrumentation-key ingestion
        }
    });
}

builder.Build().Run();

using OrderTracking.Functions.Health;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Registration;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;
using OrderTracking.Functions.Webhooks;
using OrderTracking.Functions.Widget;

// An Azure Functions custom handler (DESIGN §2): the host starts this process, tells it the port, forwards HTTP-only
// functions on their /api paths and posts queue/timer invocations to /{FunctionName}.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseCustomHandlerPort();
builder.Services.AddProblemDetails();
builder.Services.AddFunctionApp(builder.Configuration);

WebApplication app = builder.Build();
app.MapHealth();
app.MapTrackingApi();
app.MapRegisterShipments();
app.MapWebhooks();
app.MapWidget();
app.MapQueueTrigger<IngestEventFunction, InboundMessage>(IngestEventFunction.Name, "message", QueueNames.InboundEvents);
app.MapTimerTrigger<SchedulePollsFunction>(SchedulePollsFunction.Name);
app.MapQueueTrigger<PollCarrierFunction, PollRequest>(PollCarrierFunction.Name, "message", QueueNames.PollRequests);
app.MapQueueTrigger<SendNotificationFunction, NotificationRequest>(SendNotificationFunction.Name, "message", QueueNames.Notifications);
app.MapTimerTrigger<SweepShipmentsFunction>(SweepShipmentsFunction.Name);
app.Run();
// Visible to WebApplicationFactory in tests.
public partial class Program;

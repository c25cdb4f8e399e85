using OrderTracking.DevHost.Startup;

return await DevHostProgram.RunAsync(args);

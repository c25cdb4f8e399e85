namespace OrderTracking.Functions.Ingestion;

internal sealed record IngestSummary(string OrderKey, int ShipmentsAdded, int ShipmentsSkipped);

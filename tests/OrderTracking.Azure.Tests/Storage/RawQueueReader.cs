using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderTracking.Azure.Storage;

namespace OrderTracking.Azure.Tests.Storage;

/// <summary>Reads a queue's raw wire text through a bare pipeline, to check what our client put on the wire.</summary>
internal static class RawQueueReader
{
    public static async Task<string> PeekWireTextAsync(StorageConnection connection, string queueName)
    {
        var credential = new StorageSharedKeyCredential(connection.AccountName!, StorageConnectionStringParser.DevelopmentAccountKey);
        var options = new StorageClientOptions();
        HttpPipeline pipeline = HttpPipelineBuilder.Build(
            options, [new StorageVersionPolicy(options.ServiceVersion)], [new QueueSharedKeyPolicy(credential, TimeProvider.System)], new ResponseClassifier());
        using HttpMessage message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri($"{connection.QueueEndpoint.AbsoluteUri.TrimEnd('/')}/{queueName}/messages?peekonly=true"));
        await pipeline.SendAsync(message, CancellationToken.None);
        return XDocument.Parse(message.Response.Content.ToString()).Root!.Element("QueueMessage")!.Element("MessageText")!.Value;
    }
}

using Azure.Identity;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Tests.Hosting;

public sealed class TelemetryExportTests
{
    [Theory]
    [InlineData("ClientId=7f0c1d2e-0000-4000-8000-000000000001;Authorization=AAD")]
    [InlineData(" authorization = aad ; clientid = 7f0c1d2e-0000-4000-8000-000000000001 ")]
    [InlineData("Authorization=AAD")] // system-assigned identity
    public void TheHostsAadAuthenticationString_GivesAManagedIdentityCredential(string value) =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryExport.Credential(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=abc")] // no Authorization=AAD: the connection string's key is used
    [InlineData("Authorization=Key")]
    public void AnythingElse_SendsWithTheConnectionString(string? value) =>
        Assert.Null(TelemetryExport.Credential(value));
}

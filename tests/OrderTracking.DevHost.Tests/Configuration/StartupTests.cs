using OrderTracking.DevHost.Startup;
using OrderTracking.DevHost.Tests.Support;

namespace OrderTracking.DevHost.Tests.Configuration;

public sealed class StartupTests
{
    [Fact]
    public void LocalSettingsReader_BothFiles_PrefersLocalSettingsJson()
    {
        using var root = new TempAppRoot();
        File.WriteAllText(Path.Combine(root.Path, "local.settings.json"), """{ "IsEncrypted": false, "Values": { "A": "local", "N": 5 } }""");
        File.WriteAllText(Path.Combine(root.Path, "local.settings.sample.json"), """{ "Values": { "A": "sample" } }""");

        (string? path, Dictionary<string, string?> values) = LocalSettingsReader.Read(root.Path);

        Assert.EndsWith("local.settings.json", path);
        Assert.Equal("local", values["a"]);
        Assert.Equal("5", values["N"]);
    }

    [Fact]
    public void LocalSettingsReader_OnlySample_ReadsSample_None_Empty()
    {
        using var root = new TempAppRoot();
        Assert.Empty(LocalSettingsReader.Read(root.Path).Values);

        File.WriteAllText(Path.Combine(root.Path, "local.settings.sample.json"), """{ "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true" } }""");

        Assert.Equal("UseDevelopmentStorage=true", LocalSettingsReader.Read(root.Path).Values["AzureWebJobsStorage"]);
    }

    [Fact]
    public void RepositoryLocator_FromNestedFolder_FindsSolutionFolder()
    {
        using var root = new TempAppRoot();
        File.WriteAllText(Path.Combine(root.Path, RepositoryLocator.SolutionFile), string.Empty);
        string nested = Directory.CreateDirectory(Path.Combine(root.Path, "a", "b")).FullName;

        Assert.Equal(root.Path, RepositoryLocator.Find(nested));
    }
}

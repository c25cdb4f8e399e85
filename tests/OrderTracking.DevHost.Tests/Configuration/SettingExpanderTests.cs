using OrderTracking.DevHost.Configuration;

namespace OrderTracking.DevHost.Tests.Configuration;

public sealed class SettingExpanderTests
{
    [Fact]
    public void ExpandStrict_SettingThenEnvironment_SettingsWin_UnknownFails()
    {
        string variable = "DEVHOST_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-env");
        try
        {
            var expander = new SettingExpander(new Dictionary<string, string?> { ["PollSchedule"] = "0 * * * * *" });

            Assert.Equal("0 * * * * *", expander.ExpandStrict("%PollSchedule%", "test"));
            Assert.Equal("x-from-env-y", expander.ExpandStrict($"x-%{variable}%-y", "test"));
            Assert.Equal("100%", expander.ExpandStrict("100%%", "test"));
            var error = Assert.Throws<DevHostConfigurationException>(() => expander.ExpandStrict("%NoSuchSetting%", "function 'F'"));
            Assert.Contains("function 'F': setting 'NoSuchSetting' is not defined", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Lookup_ColonName_FallsBackToDoubleUnderscoreEnvironmentVariable()
    {
        string section = "DevHostTest" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(section + "__Key", "v");
        try
        {
            Assert.Equal("v", new SettingExpander(new Dictionary<string, string?>()).Lookup(section + ":Key"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(section + "__Key", null);
        }
    }
}

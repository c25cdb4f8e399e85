using OrderTracking.DevHost.Configuration;

namespace OrderTracking.DevHost.Tests.Configuration;

public sealed class SettingExpanderTests
{
    [Fact]
    public void Expand_SettingThenEnvironment_SettingsWin()
    {
        string variable = "DEVHOST_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-env");
        try
        {
            var expander = new SettingExpander(new Dictionary<string, string?> { ["PollSchedule"] = "0 * * * * *" });

            Assert.Equal("0 * * * * *", expander.Expand("%PollSchedule%"));
            Assert.Equal("x-from-env-y", expander.Expand($"x-%{variable}%-y"));
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

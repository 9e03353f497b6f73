using Ecsta.Host.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Cli;

public sealed class LicenseCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Config => _temp.File("ecsta.json");

    [Fact]
    public async Task A_fresh_installation_is_in_its_45_day_trial_with_25_seats()
    {
        var status = await TestSupport.Cli.RunAsync(Config, null, "license", "status", "--json");

        Assert.Equal(0, status.ExitCode);
        var s = JObject.Parse(status.Output);
        Assert.Equal("trial", s["mode"]?.Value<string>());
        Assert.Equal(45, s["daysLeft"]?.Value<int>());
        Assert.Equal(25, s["seatsTotal"]?.Value<int>());
        Assert.Equal(0, s["seatsInUse"]?.Value<int>());
    }

    [Fact]
    public async Task A_malformed_code_is_refused_with_the_reason_and_exit_code_1()
    {
        var add = await TestSupport.Cli.RunAsync(Config, null, "license", "add", "ECSTA1-NOT-A-CODE");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("Wrong format", add.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}

using Ecsta.Host.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Cli;

public sealed class RulesCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Config => _temp.File("ecsta.json");

    private async Task AddInstanceAsync()
    {
        var result = await TestSupport.Cli.RunAsync(Config, null, "instance", "add", "office", "--host", "xsp.example.com", "--user", "u@example.com");
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task An_added_rule_is_listed_and_applied_by_test_with_each_step()
    {
        await AddInstanceAsync();

        var add = await TestSupport.Cli.RunAsync(Config, null, "rules", "add", "office", "--direction", "incoming", "--search", "^0(.*)", "--replace", @"\1", "--regex");
        var list = await TestSupport.Cli.RunAsync(Config, null, "rules", "list", "office", "--json");
        var test = await TestSupport.Cli.RunAsync(Config, null, "rules", "test", "office", "--direction", "incoming", "0891234567", "--json");

        Assert.Equal(0, add.ExitCode);
        var rule = Assert.Single(JArray.Parse(list.Output));
        Assert.Equal(("incoming", 1, "^0(.*)", true), (rule["direction"]!.Value<string>(), rule["index"]!.Value<int>(), rule["search"]!.Value<string>(), rule["regex"]!.Value<bool>()));
        Assert.Equal(0, test.ExitCode);
        var result = JObject.Parse(test.Output);
        Assert.Equal("891234567", result["output"]?.Value<string>());
        Assert.Equal(1, result["matchedRule"]?.Value<int>());
        Assert.NotEmpty(result["steps"]!);
    }

    [Fact]
    public async Task A_rule_that_does_not_compile_is_refused_with_its_position_and_nothing_is_saved()
    {
        await AddInstanceAsync();
        var before = File.ReadAllText(Config);

        var add = await TestSupport.Cli.RunAsync(Config, null, "rules", "add", "office", "--direction", "dial", "--search", "^(80", "--replace", "0", "--regex");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("search:", add.Error, StringComparison.Ordinal);
        Assert.Contains("position", add.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task Removing_a_rule_by_its_listed_index_leaves_the_others_in_order()
    {
        await AddInstanceAsync();
        await TestSupport.Cli.RunAsync(Config, null, "rules", "add", "office", "--direction", "dial", "--search", "80", "--replace", "0");
        await TestSupport.Cli.RunAsync(Config, null, "rules", "add", "office", "--direction", "dial", "--search", "81", "--replace", "1");
        await TestSupport.Cli.RunAsync(Config, null, "rules", "add", "office", "--direction", "dial", "--search", "82", "--replace", "2");

        var remove = await TestSupport.Cli.RunAsync(Config, null, "rules", "remove", "office", "--direction", "dial", "--index", "2");
        var list = JArray.Parse((await TestSupport.Cli.RunAsync(Config, null, "rules", "list", "office", "--direction", "dial", "--json")).Output);
        var outOfRange = await TestSupport.Cli.RunAsync(Config, null, "rules", "remove", "office", "--direction", "dial", "--index", "9");

        Assert.Equal(0, remove.ExitCode);
        Assert.Equal(["80", "82"], list.Select(r => r["search"]!.Value<string>()));
        Assert.Equal(1, outOfRange.ExitCode);
    }

    [Fact]
    public async Task An_unknown_direction_is_bad_usage()
    {
        await AddInstanceAsync();

        var result = await TestSupport.Cli.RunAsync(Config, null, "rules", "list", "office", "--direction", "sideways");

        Assert.Equal(2, result.ExitCode);
    }

    public void Dispose() => _temp.Dispose();
}

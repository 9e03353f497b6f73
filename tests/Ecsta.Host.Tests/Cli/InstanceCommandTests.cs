using Ecsta.Host.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Cli;

public sealed class InstanceCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private string Config => _temp.File("ecsta.json");

    private static readonly string[] FullAdd =
    [
        "instance", "add", "office", "--mode", "server", "--host", "xsp.example.com", "--port", "8443", "--type", "https",
        "--prefix", "nl.cai", "--user", "admin@example.com", "--password-stdin", "--notes", "Main office",
        "--line", "alice@example.com,+4989123100,Alice Example", "--line", "bob@example.com,101,Bob",
        "--return-to-held", "false", "--proxy", "http://127.0.0.1:3128", "--proxy-user", "proxyuser", "--proxy-password-stdin",
        "--line-name-format", "number", "--snapshot-interval", "60", "--monitor-retry", "15",
        "--use-location", "true", "--location", "+49(89)1234",
    ];

    [Fact]
    public async Task Add_then_show_round_trips_every_field_through_the_file()
    {
        var add = await TestSupport.Cli.RunAsync(Config, "Top-Secret-1\nProxy-Secret-2\n", FullAdd);
        Assert.Equal(0, add.ExitCode);

        var show = await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "office", "--json");

        Assert.Equal(0, show.ExitCode);
        var i = JObject.Parse(show.Output);
        Assert.Equal("office", i["name"]?.Value<string>());
        Assert.Equal("server", i["mode"]?.Value<string>());
        Assert.Equal("xsp.example.com", i["host"]?.Value<string>());
        Assert.Equal(8443, i["port"]?.Value<int>());
        Assert.Equal("https", i["connectionType"]?.Value<string>());
        Assert.Equal("nl.cai", i["urlPrefix"]?.Value<string>());
        Assert.Equal("admin@example.com", i["user"]?.Value<string>());
        Assert.True(i["passwordSet"]?.Value<bool>());
        Assert.Equal("Main office", i["notes"]?.Value<string>());
        Assert.Equal(new[] { "alice@example.com", "bob@example.com" }, i["lines"]!.Select(l => l["userId"]!.Value<string>()));
        Assert.Equal("+4989123100", i["lines"]?[0]?["number"]?.Value<string>());
        Assert.Equal("Alice Example", i["lines"]?[0]?["name"]?.Value<string>());
        var advanced = i["advanced"]!;
        Assert.False(advanced["returnToHeldOnConsultationEnd"]?.Value<bool>());
        Assert.Equal("http://127.0.0.1:3128", advanced["proxy"]?["address"]?.Value<string>());
        Assert.Equal("proxyuser", advanced["proxy"]?["user"]?.Value<string>());
        Assert.True(advanced["proxy"]?["passwordSet"]?.Value<bool>());
        Assert.Equal("Number", advanced["lineNameFormat"]?.Value<string>());
        Assert.Equal(60, advanced["snapshotIntervalSeconds"]?.Value<int>());
        Assert.Equal(15, advanced["monitorStartRetrySeconds"]?.Value<int>());
        Assert.True(i["location"]?["enabled"]?.Value<bool>());
        Assert.Equal("+49(89)1234", i["location"]?["location"]?.Value<string>());
    }

    [Fact]
    public async Task The_passwords_are_not_in_the_file_in_clear()
    {
        await TestSupport.Cli.RunAsync(Config, "Top-Secret-1\nProxy-Secret-2\n", FullAdd);

        var text = File.ReadAllText(Config);

        Assert.DoesNotContain("Top-Secret-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Proxy-Secret-2", text, StringComparison.Ordinal);
        Assert.Contains("passwordProtected", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_changes_only_the_options_given()
    {
        await TestSupport.Cli.RunAsync(Config, "pw\nproxy\n", FullAdd);

        var set = await TestSupport.Cli.RunAsync(Config, null, "instance", "set", "office", "--port", "0", "--notes", "Moved", "--keep-password");
        var show = JObject.Parse((await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "office", "--json")).Output);

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal(0, show["port"]?.Value<int>());
        Assert.Equal("Moved", show["notes"]?.Value<string>());
        Assert.Equal("nl.cai", show["urlPrefix"]?.Value<string>());
        Assert.Equal(2, show["lines"]?.Count());
    }

    [Fact]
    public async Task A_changed_host_without_the_password_again_or_keep_password_is_refused_and_nothing_is_written()
    {
        await TestSupport.Cli.RunAsync(Config, "pw\nproxy\n", FullAdd);
        var before = await File.ReadAllTextAsync(Config);

        var set = await TestSupport.Cli.RunAsync(Config, null, "instance", "set", "office", "--host", "listener.attacker.example");

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("password: the host changed", set.Error, StringComparison.Ordinal);
        Assert.Contains("--keep-password", set.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(Config));
    }

    [Fact]
    public async Task A_changed_host_takes_the_passwords_given_again_or_keeps_the_stored_ones_when_asked()
    {
        await TestSupport.Cli.RunAsync(Config, "pw\nproxy\n", FullAdd);

        var typed = await TestSupport.Cli.RunAsync(Config, "new-pw\nnew-proxy\n", "instance", "set", "office", "--host", "xsp2.example.com", "--password-stdin", "--proxy-password-stdin");
        var kept = await TestSupport.Cli.RunAsync(Config, null, "instance", "set", "office", "--host", "xsp3.example.com", "--keep-password");

        Assert.True(typed.ExitCode == 0, typed.Error);
        Assert.True(kept.ExitCode == 0, kept.Error);
        Assert.Equal("xsp3.example.com", JObject.Parse((await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "office", "--json")).Output)["host"]?.Value<string>());
    }

    [Fact]
    public async Task Validation_errors_name_the_field_and_exit_1_without_writing()
    {
        var result = await TestSupport.Cli.RunAsync(Config, null, "instance", "add", "office", "--host", "xsp.example.com", "--port", "70000", "--user", "u");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("port:", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Config));
    }

    [Fact]
    public async Task A_proxy_with_cti_is_refused()
    {
        var result = await TestSupport.Cli.RunAsync(Config, null, "instance", "add", "office", "--host", "xsp.example.com", "--type", "ctis", "--user", "u", "--proxy", "http://127.0.0.1:3128");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("a proxy cannot be used with CTI", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_corrupted_file_gives_a_one_line_error_naming_the_line_and_stays_unchanged()
    {
        await TestSupport.Cli.RunAsync(Config, "pw\nproxy\n", FullAdd);
        var lines = File.ReadAllLines(Config);
        lines[5] = lines[5].Replace(",", "", StringComparison.Ordinal) + " garbage";
        File.WriteAllLines(Config, lines);
        var corrupted = File.ReadAllBytes(Config);

        var show = await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "office");
        var set = await TestSupport.Cli.RunAsync(Config, null, "instance", "set", "office", "--notes", "x");

        Assert.Equal(1, show.ExitCode);
        Assert.Equal(1, set.ExitCode);
        var error = show.Error.TrimEnd('\n');
        Assert.DoesNotContain('\n', error);
        Assert.Contains($"{Config} line ", error, StringComparison.Ordinal);
        Assert.Equal(corrupted, File.ReadAllBytes(Config));
    }

    [Fact]
    public async Task Remove_deletes_the_instance_and_list_no_longer_shows_it()
    {
        await TestSupport.Cli.RunAsync(Config, "pw\nproxy\n", FullAdd);

        var remove = await TestSupport.Cli.RunAsync(Config, null, "instance", "remove", "office");
        var list = await TestSupport.Cli.RunAsync(Config, null, "instance", "list", "--json");

        Assert.Equal(0, remove.ExitCode);
        Assert.Empty(JArray.Parse(list.Output));
    }

    [Fact]
    public async Task An_unknown_instance_is_an_operation_failure()
    {
        await TestSupport.Cli.RunAsync(Config, "pw\nproxy\n", FullAdd);

        var result = await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no instance is named 'nobody'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_or_option_is_bad_usage_with_exit_code_2()
    {
        var verb = await TestSupport.Cli.RunAsync(Config, null, "instance", "frobnicate");
        var option = await TestSupport.Cli.RunAsync(Config, null, "instance", "add", "x", "--no-such-option");

        Assert.Equal(2, verb.ExitCode);
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("frobnicate", verb.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transport_settings_are_set_shown_and_removed_with_setting_NAME_VALUE()
    {
        await TestSupport.Cli.RunAsync(Config, "Top-Secret-1\nProxy-Secret-2\n", FullAdd);

        var set = await TestSupport.Cli.RunAsync(Config, null, "instance", "set", "office", "--setting", "heartbeatIntervalMs=5000", "--setting", "applicationId=Ecsta-Office");
        Assert.Equal(0, set.ExitCode);
        var shown = JObject.Parse((await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "office", "--json")).Output);
        Assert.Equal("5000", shown["advanced"]?["transportSettings"]?["heartbeatIntervalMs"]?.Value<string>());
        Assert.Equal("Ecsta-Office", shown["advanced"]?["transportSettings"]?["applicationId"]?.Value<string>());
        Assert.Contains("heartbeatIntervalMs=5000", (await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "office")).Output, StringComparison.Ordinal);

        await TestSupport.Cli.RunAsync(Config, null, "instance", "set", "office", "--setting", "applicationId=");
        shown = JObject.Parse((await TestSupport.Cli.RunAsync(Config, null, "instance", "show", "office", "--json")).Output);
        Assert.Null(shown["advanced"]?["transportSettings"]?["applicationId"]);
        Assert.Equal("5000", shown["advanced"]?["transportSettings"]?["heartbeatIntervalMs"]?.Value<string>());
    }

    [Fact]
    public async Task A_setting_without_an_equals_sign_is_bad_usage_and_changes_nothing()
    {
        await TestSupport.Cli.RunAsync(Config, "Top-Secret-1\nProxy-Secret-2\n", FullAdd);
        var before = File.ReadAllText(Config);

        var set = await TestSupport.Cli.RunAsync(Config, null, "instance", "set", "office", "--setting", "heartbeatIntervalMs");

        Assert.Equal(2, set.ExitCode);
        Assert.Contains("must be NAME=VALUE", set.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Config));
    }

    public void Dispose() => _temp.Dispose();
}

using System.Net;
using Ecsta.Dialog.Tests.TestSupport;
using Ecsta.Simulator;
using Newtonsoft.Json.Linq;

namespace Ecsta.Dialog.Tests;

/// <summary>
/// Reading the lines and the connection test through the dialog's API: the real host with its real XSI transport
/// plugin against the BroadWorks simulator on loopback.
/// </summary>
[Collection(DialogHostCollection.Name)]
public sealed class DialogBroadWorksApiTests(DialogHostFixture fixture, SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private readonly DialogHost _host = fixture.Host;
    private readonly XspSimulator _sim = simulator.Sim;

    private object ServerInstance(string name, string password) => new
    {
        name,
        mode = "server",
        host = "127.0.0.1",
        port = _sim.XsiPort!.Value,
        connectionType = "http",
        user = _sim.Administrator.UserId,
        password,
        lines = new[] { new { userId = _sim.Users[1].UserId, number = _sim.Users[1].Number, name = "Configured" } },
    };

    private async Task<DialogClient> WithInstanceAsync(string name, string password)
    {
        var client = new DialogClient(_host.Dialog);
        using var login = await client.LoginAsync(_host.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        using var created = await client.SendAsync(HttpMethod.Post, "api/instances", ServerInstance(name, password));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return client;
    }

    [Fact]
    public async Task Reading_a_server_instance_over_XSI_lists_every_user_of_the_group_with_whether_it_is_configured_and_saves_nothing()
    {
        using var client = await WithInstanceAsync("bw-read", _sim.Administrator.Password);
        var fileBefore = await File.ReadAllTextAsync(_host.ConfigurationPath);
        var directoryUser = _sim.Users[3].UserId;

        using var response = await client.SendAsync(HttpMethod.Post, "api/instances/bw-read/lines/read", new { directoryUser });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JObject.Parse(body);
        Assert.Equal(directoryUser, (string?)result["directoryUser"]);
        var lines = (JArray)result["lines"]!;
        Assert.Equal(_sim.Users.Select(u => u.UserId), lines.Select(l => (string?)l["userId"]));
        Assert.Equal(_sim.Users.Select((u, i) => i == 1), lines.Select(l => (bool)l["configured"]!));
        var first = lines[0];
        var user = _sim.Users[0];
        Assert.Equal((user.Extension, $"{user.FirstName} {user.LastName}"), ((string?)first["extension"], (string?)first["name"]));
        Assert.Equal(user.Number, (string?)first["number"]);
        Assert.Equal(fileBefore, await File.ReadAllTextAsync(_host.ConfigurationPath));
    }

    [Fact]
    public async Task Reading_with_a_wrong_password_answers_502_with_the_refusal_in_one_line_and_without_the_password()
    {
        const string Wrong = "not-the-password-Kq7";
        using var client = await WithInstanceAsync("bw-wrong", Wrong);

        using var response = await client.SendAsync(HttpMethod.Post, "api/instances/bw-wrong/lines/read", new { directoryUser = _sim.Users[0].UserId });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = (string)(await DialogClient.JsonAsync(response))["error"]!;
        Assert.StartsWith($"'bw-wrong': cannot connect to http://127.0.0.1:{_sim.XsiPort}", error, StringComparison.Ordinal);
        Assert.Contains("the user id or password was refused", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain(Wrong, error, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, _host.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_a_server_instance_without_a_directory_user_or_lines_is_refused_with_400_naming_the_field()
    {
        using var client = await WithInstanceAsync("bw-nouser", _sim.Administrator.Password);
        using var cleared = await client.ChangeAsync(HttpMethod.Put, "api/instances/bw-nouser", new
        {
            name = "bw-nouser",
            mode = "server",
            host = "127.0.0.1",
            port = _sim.XsiPort!.Value,
            connectionType = "http",
            user = _sim.Administrator.UserId,
            lines = Array.Empty<object>(),
        });
        Assert.True(cleared.StatusCode == HttpStatusCode.OK, await cleared.Content.ReadAsStringAsync());

        using var response = await client.SendAsync(HttpMethod.Post, "api/instances/bw-nouser/lines/read", new { directoryUser = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((JArray)(await DialogClient.JsonAsync(response))["errors"]!);
        Assert.Equal("directoryUser", (string?)error["field"]);
        Assert.Contains("server mode", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_test_of_a_good_instance_succeeds_and_lists_its_steps()
    {
        using var client = await WithInstanceAsync("bw-test", _sim.Administrator.Password);

        using var response = await client.SendAsync(HttpMethod.Post, "api/instances/bw-test/connection-test");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JObject.Parse(body);
        Assert.True((bool)result["success"]!, body);
        var steps = ((JArray)result["steps"]!).Cast<JObject>().ToList();
        Assert.Equal(["target", "authentication", "channel", "subscription"], steps.Select(s => (string?)s["step"]));
        Assert.All(steps, s => Assert.True((bool)s["success"]!, s.ToString()));
        Assert.Equal(_sim.XsiPort, (int?)steps[0]["target"]!["port"]);
        Assert.Equal("127.0.0.1", (string?)steps[0]["target"]!["host"]);
    }

    [Theory]
    [InlineData("lines/read")]
    [InlineData("connection-test")]
    public async Task The_calls_to_BroadWorks_need_a_session_and_the_dialog_header_and_a_known_instance(string call)
    {
        using var anonymous = new DialogClient(_host.Dialog);
        using var noSession = await anonymous.SendAsync(HttpMethod.Post, $"api/instances/anything/{call}");
        Assert.Equal(HttpStatusCode.Unauthorized, noSession.StatusCode);

        using var client = new DialogClient(_host.Dialog);
        using var login = await client.LoginAsync(_host.AdminToken);
        using var noHeader = await client.SendAsync(HttpMethod.Post, $"api/instances/anything/{call}", withHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);
        using var unknown = await client.SendAsync(HttpMethod.Post, $"api/instances/no-such-instance/{call}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

using System.Net;
using Ecsta.Dialog.Tests.TestSupport;
using Ecsta.Host.Configuration;
using Newtonsoft.Json.Linq;

namespace Ecsta.Dialog.Tests;

/// <summary>The dialog's JSON API over the real host's listener, without a browser.</summary>
[Collection(DialogHostCollection.Name)]
public sealed class DialogApiTests(DialogHostFixture fixture)
{
    private readonly DialogHost _host = fixture.Host;

    private static object Instance(string name, string? password = "s3cret-Pa55", int port = 9, string user = "admin@example.com") => new
    {
        name,
        mode = "server",
        host = "127.0.0.1",
        port,
        connectionType = "http",
        user,
        password,
        lines = new[] { new { userId = "alice@example.com", number = "+4930100", name = "Alice" } },
    };

    private async Task<DialogClient> LoggedInAsync()
    {
        var client = new DialogClient(_host.Dialog);
        using var login = await client.LoginAsync(_host.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        return client;
    }

    [Fact]
    public async Task The_banner_prints_the_dialog_address_and_the_page_is_served_there_with_its_content_security_policy()
    {
        Assert.Matches(@"Dialog: +http://127\.0\.0\.1:\d+/dialog/", _host.Banner);
        using var client = new DialogClient(_host.Dialog);
        Assert.DoesNotContain(_host.ApiToken, _host.Banner, StringComparison.Ordinal); // not a terminal: where the tokens are, not the tokens
        Assert.DoesNotContain(_host.AdminToken, _host.Banner, StringComparison.Ordinal);
        Assert.Contains("API token:       in " + Path.Combine(Path.GetDirectoryName(_host.ConfigurationPath)!, "api-token"), _host.Banner, StringComparison.Ordinal);
        Assert.Contains("Admin token:     in " + Path.Combine(Path.GetDirectoryName(_host.ConfigurationPath)!, "admin-token"), _host.Banner, StringComparison.Ordinal);
        using var page = await client.SendAsync(HttpMethod.Get, "");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Ecsta configuration</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        using var script = await client.SendAsync(HttpMethod.Get, "dialog.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("GET", "api/instances")]
    [InlineData("GET", "api/instances/anything")]
    [InlineData("GET", "api/profiles")]
    [InlineData("GET", "api/license")]
    [InlineData("GET", "api/session")]
    [InlineData("DELETE", "api/instances/anything")]
    public async Task Api_calls_without_a_session_are_refused_with_401(string method, string path)
    {
        using var client = new DialogClient(_host.Dialog);
        using var response = await client.SendAsync(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_made_up_session_cookie_is_refused_with_401()
    {
        using var client = new DialogClient(_host.Dialog);
        client.Cookies.Add(new Cookie("ecsta-dialog", _host.AdminToken, "/dialog", "127.0.0.1"));
        using var response = await client.SendAsync(HttpMethod.Get, "api/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_logged_without_the_token()
    {
        using var client = new DialogClient(_host.Dialog);
        const string Wrong = "not-the-token-Zq8xW3";
        using var login = await client.LoginAsync(Wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Empty(client.Cookies.GetCookies(_host.Dialog));
        using var after = await client.SendAsync(HttpMethod.Get, "api/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);

        var logs = _host.ReadLogs();
        Assert.Contains("Dialog: refused a login from 127.0.0.1", logs, StringComparison.Ordinal);
        Assert.Contains("wrong token", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.AdminToken, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_applications_api_token_does_not_log_in_to_the_dialog_and_is_not_logged()
    {
        using var client = new DialogClient(_host.Dialog);
        using var login = await client.LoginAsync(_host.ApiToken);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("admin-token", (string?)(await DialogClient.JsonAsync(login))["error"], StringComparison.Ordinal);
        Assert.Empty(client.Cookies.GetCookies(_host.Dialog));
        using var after = await client.SendAsync(HttpMethod.Get, "api/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain(_host.ApiToken, _host.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_token_is_refused_by_the_application_api_and_the_api_token_accepted()
    {
        var tapi = new Uri($"ws://{_host.Dialog.Authority}/tapi");
        using var refused = new System.Net.WebSockets.ClientWebSocket();
        refused.Options.SetRequestHeader("Authorization", "Bearer " + _host.AdminToken);
        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => refused.ConnectAsync(tapi, CancellationToken.None));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);

        using var byQuery = new System.Net.WebSockets.ClientWebSocket();
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => byQuery.ConnectAsync(new Uri(tapi + "?access_token=" + _host.AdminToken), CancellationToken.None));

        using var accepted = new System.Net.WebSockets.ClientWebSocket();
        accepted.Options.SetRequestHeader("Authorization", "Bearer " + _host.ApiToken);
        await accepted.ConnectAsync(tapi, CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, accepted.State);
        await accepted.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task The_admin_token_is_kept_owner_only_beside_the_configuration_and_differs_from_the_api_token()
    {
        var file = Path.Combine(_host.Folder, "admin-token");
        Assert.Equal(_host.AdminToken, (await File.ReadAllTextAsync(file)).Trim());
        Assert.NotEqual(_host.ApiToken, _host.AdminToken);
        Assert.Equal(43, _host.AdminToken.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task The_login_sets_an_HttpOnly_SameSite_Strict_session_cookie_that_is_not_the_token()
    {
        using var client = new DialogClient(_host.Dialog);
        using var login = await client.LoginAsync(_host.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var header = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dialog", header, StringComparison.OrdinalIgnoreCase);
        var cookie = Assert.Single(client.Cookies.GetCookies(_host.Dialog));
        Assert.NotEqual(_host.AdminToken, cookie.Value);
        Assert.True(cookie.Value.Length >= 40);

        using var session = await client.SendAsync(HttpMethod.Get, "api/session");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(_host.ConfigurationPath, (string?)(await DialogClient.JsonAsync(session))["configurationPath"]);
    }

    [Fact]
    public async Task Changes_without_the_dialog_header_are_refused_with_403_even_with_a_session_and_save_nothing()
    {
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("csrf-create"), withHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Null(_host.InstanceInFile("csrf-create"));

        using var created = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("csrf-kept"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var delete = await client.ChangeAsync(HttpMethod.Delete, "api/instances/csrf-kept", withHeader: false);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.NotNull(_host.InstanceInFile("csrf-kept"));
    }

    [Fact]
    public async Task Creating_an_instance_saves_it_with_the_password_protected_and_never_returns_the_password()
    {
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-create", password: "Clear-Text-Pw-4711"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var answer = await DialogClient.JsonAsync(create);
        Assert.True((bool)answer["passwordSet"]!);
        Assert.Null(answer["password"]);
        Assert.Null(answer["passwordProtected"]);

        var text = await File.ReadAllTextAsync(_host.ConfigurationPath);
        Assert.DoesNotContain("Clear-Text-Pw-4711", text, StringComparison.Ordinal);
        var saved = _host.InstanceInFile("api-create")!;
        Assert.Equal("server", (string?)saved["mode"]);
        Assert.Equal("alice@example.com", (string?)saved["lines"]![0]!["userId"]);
        var protectedPassword = (string)saved["passwordProtected"]!;
        Assert.Equal("Clear-Text-Pw-4711", new ConfigurationStore(_host.ConfigurationPath).Secrets.Unprotect(protectedPassword));

        using var read = await client.SendAsync(HttpMethod.Get, "api/instances/api-create");
        var body = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Clear-Text-Pw-4711", body, StringComparison.Ordinal);
        Assert.DoesNotContain(protectedPassword, body, StringComparison.Ordinal);
        Assert.True((bool)JObject.Parse(body)["passwordSet"]!);

        using var list = await client.SendAsync(HttpMethod.Get, "api/instances");
        Assert.Contains((await DialogClient.JsonAsync(list)).Children(), i => (string?)i["name"] == "api-create" && (int)i["lines"]! == 1);
    }

    [Fact]
    public async Task A_refused_value_answers_400_with_the_field_names_and_saves_nothing()
    {
        using var client = await LoggedInAsync();
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);
        var bad = new
        {
            name = "api-invalid",
            mode = "server",
            host = "127.0.0.1",
            port = 70000,
            connectionType = "http",
            user = "",
            lines = new[] { new { userId = "a@example.com", number = "100", name = "A" }, new { userId = "", number = "12x", name = "B" } },
            advanced = new { snapshotIntervalSeconds = -1, monitorStartRetrySeconds = 30, lineNameFormat = "Standard", returnToHeldOnConsultationEnd = true, transportSettings = new Dictionary<string, string> { ["not a name"] = "1" } },
        };

        using var response = await client.SendAsync(HttpMethod.Post, "api/instances", bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await DialogClient.JsonAsync(response))["errors"]!.Select(e => (string)e["field"]!).ToList();
        Assert.Contains("port", fields);
        Assert.Contains("user", fields);
        Assert.Contains("lines[1].userId", fields);
        Assert.Contains("lines[1].number", fields);
        Assert.Contains("advanced.snapshotIntervalSeconds", fields);
        Assert.Contains("advanced.transportSettings", fields);
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_field()
    {
        using var client = await LoggedInAsync();
        using var response = await client.SendAsync(HttpMethod.Post, "api/instances", "{\"name\":\"api-type\",\"host\":\"h\",\"user\":\"u\",\"advanced\":{\"monitorStartRetrySeconds\":\"soon\"}}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await DialogClient.JsonAsync(response))["errors"]!);
        Assert.Equal("advanced.monitorStartRetrySeconds", (string?)error["field"]);
        Assert.Null(_host.InstanceInFile("api-type"));
    }

    [Fact]
    public async Task A_second_instance_with_a_taken_name_is_refused_on_the_name_field()
    {
        using var client = await LoggedInAsync();
        using var first = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-twice"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("API-TWICE"));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("name", (string?)(await DialogClient.JsonAsync(second))["errors"]![0]!["field"]);
        Assert.Single(_host.ReadConfiguration()["instances"]!, i => string.Equals((string?)i["name"], "api-twice", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Updating_an_instance_without_a_password_keeps_the_stored_password_and_the_file_s_unknown_fields()
    {
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-update", password: "Keep-Me-123"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var protectedBefore = (string)_host.InstanceInFile("api-update")!["passwordProtected"]!;
        var file = _host.ReadConfiguration();
        var stored = file["instances"]!.Children<JObject>().Single(i => (string?)i["name"] == "api-update");
        stored["futureOption"] = 7;
        ((JObject)stored["lines"]![0]!)["site"] = "berlin";
        await File.WriteAllTextAsync(_host.ConfigurationPath, file.ToString());

        var read = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/instances/api-update"));
        read["notes"] = "moved to the second floor";
        read["user"] = "other-admin@example.com";
        ((JArray)read["lines"]!).Add(new JObject { ["userId"] = "bob@example.com", ["number"] = "+4930200", ["name"] = "Bob" });
        using var update = await client.ChangeAsync(HttpMethod.Put, "api/instances/api-update", read.ToString());
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var saved = _host.InstanceInFile("api-update")!;
        Assert.Equal("moved to the second floor", (string?)saved["notes"]);
        Assert.Equal("other-admin@example.com", (string?)saved["user"]);
        Assert.Equal(["alice@example.com", "bob@example.com"], saved["lines"]!.Select(l => (string)l["userId"]!));
        Assert.Equal(protectedBefore, (string?)saved["passwordProtected"]);
        Assert.Equal(7, (int)saved["futureOption"]!);
        Assert.Equal("berlin", (string?)saved["lines"]![0]!["site"]);
        Assert.Equal("Keep-Me-123", new ConfigurationStore(_host.ConfigurationPath).Secrets.Unprotect(protectedBefore));

        read["password"] = "Changed-456";
        using var change = await client.ChangeAsync(HttpMethod.Put, "api/instances/api-update", read.ToString());
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var changed = (string)_host.InstanceInFile("api-update")!["passwordProtected"]!;
        Assert.Equal("Changed-456", new ConfigurationStore(_host.ConfigurationPath).Secrets.Unprotect(changed));
    }

    [Theory]
    [InlineData("port", 18080)]
    [InlineData("host", "listener.example")]
    [InlineData("connectionType", "https")]
    [InlineData("urlPrefix", "elsewhere")]
    public async Task Changing_where_the_instance_connects_without_the_password_is_refused_on_the_password_field(string field, object value)
    {
        using var client = await LoggedInAsync();
        var name = "api-dest-" + field.ToLowerInvariant();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance(name, password: "Stay-Home-77"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);

        var read = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/instances/" + name));
        read[field] = JToken.FromObject(value);
        using var update = await client.ChangeAsync(HttpMethod.Put, "api/instances/" + name, read.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        var error = Assert.Single((await DialogClient.JsonAsync(update))["errors"]!);
        Assert.Equal("password", (string?)error["field"]);
        Assert.Contains("keepPassword", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));
    }

    [Fact]
    public async Task A_changed_port_is_saved_with_the_password_typed_again_or_with_keeping_it_confirmed()
    {
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-dest-ok", password: "Old-Pw-1"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var protectedBefore = (string)_host.InstanceInFile("api-dest-ok")!["passwordProtected"]!;

        var read = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/instances/api-dest-ok"));
        read["port"] = 18081;
        read["keepPassword"] = true;
        using var kept = await client.ChangeAsync(HttpMethod.Put, "api/instances/api-dest-ok", read.ToString());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Null((await DialogClient.JsonAsync(kept))["keepPassword"]);
        Assert.Equal(18081, (int)_host.InstanceInFile("api-dest-ok")!["port"]!);
        Assert.Equal(protectedBefore, (string?)_host.InstanceInFile("api-dest-ok")!["passwordProtected"]);

        read = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/instances/api-dest-ok"));
        read["port"] = 18082;
        read["password"] = "New-Pw-2";
        using var retyped = await client.ChangeAsync(HttpMethod.Put, "api/instances/api-dest-ok", read.ToString());
        Assert.Equal(HttpStatusCode.OK, retyped.StatusCode);
        var saved = _host.InstanceInFile("api-dest-ok")!;
        Assert.Equal(18082, (int)saved["port"]!);
        Assert.Equal("New-Pw-2", new ConfigurationStore(_host.ConfigurationPath).Secrets.Unprotect((string)saved["passwordProtected"]!));
    }

    [Fact]
    public async Task Changing_the_proxy_needs_both_stored_passwords_again_or_confirmed()
    {
        using var client = await LoggedInAsync();
        var instance = JObject.FromObject(Instance("api-dest-proxy", password: "Instance-Pw-3"));
        instance["advanced"] = JObject.FromObject(new { proxy = new { address = "http://127.0.0.1:3128", user = "p", password = "Proxy-Pw-4" } });
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", instance.ToString());
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);

        var read = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/instances/api-dest-proxy"));
        read["advanced"]!["proxy"]!["address"] = "http://127.0.0.1:3129";
        using var refused = await client.ChangeAsync(HttpMethod.Put, "api/instances/api-dest-proxy", read.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var fields = (await DialogClient.JsonAsync(refused))["errors"]!.Select(e => (string)e["field"]!).ToList();
        Assert.Equal(["password", "advanced.proxy.password"], fields);
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));

        read["keepPassword"] = true;
        read["advanced"]!["proxy"]!["keepPassword"] = true;
        using var kept = await client.ChangeAsync(HttpMethod.Put, "api/instances/api-dest-proxy", read.ToString());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal("http://127.0.0.1:3129", (string?)_host.InstanceInFile("api-dest-proxy")!["advanced"]!["proxy"]!["address"]);
    }

    [Fact]
    public async Task A_port_moved_to_another_listener_without_the_password_sends_the_stored_password_nowhere()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-dest-steal", password: "Never-Leaves-5"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        var read = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/instances/api-dest-steal"));
        read["port"] = port;
        using var update = await client.ChangeAsync(HttpMethod.Put, "api/instances/api-dest-steal", read.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        using var test = await client.SendAsync(HttpMethod.Post, "api/instances/api-dest-steal/connection-test");

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var accepted = listener.AcceptTcpClientAsync(wait.Token).AsTask();
        await Task.WhenAny(accepted, Task.Delay(Timeout.Infinite, wait.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        Assert.False(accepted.IsCompletedSuccessfully, "something connected to the listener the port was moved to");
    }

    [Fact]
    public async Task A_save_against_an_older_version_is_refused_with_409_naming_the_lines_the_cli_added_meanwhile()
    {
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-version"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        using var get = await client.SendAsync(HttpMethod.Get, "api/instances/api-version");
        var read = await DialogClient.JsonAsync(get);
        var version = (string)read["version"]!;
        Assert.Equal($"\"{version}\"", get.Headers.ETag!.Tag);

        var store = new ConfigurationStore(_host.ConfigurationPath); // what `ecsta lines import` does between the dialog's read and its save
        var configuration = store.Load();
        configuration.FindInstance("api-version")!.Lines.Add(new LineConfiguration { UserId = "bob@example.com", Number = "+4930200", Name = "Bob" });
        store.Save(configuration);

        read["notes"] = "the dialog's edit";
        using var refused = await client.SendAsync(HttpMethod.Put, "api/instances/api-version", read.ToString(), ifMatch: $"\"{version}\"");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var message = (string)(await DialogClient.JsonAsync(refused))["error"]!;
        Assert.Contains("changed since you read it", message, StringComparison.Ordinal);
        Assert.Contains("lines (1 added)", message, StringComparison.Ordinal);
        var inFile = _host.InstanceInFile("api-version")!;
        Assert.Equal(["alice@example.com", "bob@example.com"], inFile["lines"]!.Select(l => (string)l["userId"]!));
        Assert.Equal("", (string?)inFile["notes"]);

        using var again = await client.SendAsync(HttpMethod.Get, "api/instances/api-version");
        var fresh = await DialogClient.JsonAsync(again);
        Assert.NotEqual(version, (string?)fresh["version"]);
        fresh["notes"] = "the dialog's edit";
        using var saved = await client.SendAsync(HttpMethod.Put, "api/instances/api-version", fresh.ToString(), ifMatch: again.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, _host.InstanceInFile("api-version")!["lines"]!.Count());
        Assert.Equal("the dialog's edit", (string?)_host.InstanceInFile("api-version")!["notes"]);

        using var staleDelete = await client.SendAsync(HttpMethod.Delete, "api/instances/api-version", ifMatch: $"\"{version}\"");
        Assert.Equal(HttpStatusCode.Conflict, staleDelete.StatusCode);
        Assert.NotNull(_host.InstanceInFile("api-version"));
    }

    [Fact]
    public async Task A_change_or_delete_of_an_instance_without_the_version_read_is_refused_with_428_and_changes_nothing()
    {
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-blind"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);
        var read = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/instances/api-blind"));
        read["notes"] = "a blind overwrite";

        using var update = await client.SendAsync(HttpMethod.Put, "api/instances/api-blind", read.ToString());
        using var delete = await client.SendAsync(HttpMethod.Delete, "api/instances/api-blind");

        Assert.Equal((HttpStatusCode)428, update.StatusCode);
        Assert.Contains("If-Match", (string?)(await DialogClient.JsonAsync(update))["error"], StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)428, delete.StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));
    }

    [Fact]
    public async Task Deleting_an_instance_removes_it_from_the_file_and_a_missing_one_answers_404()
    {
        using var client = await LoggedInAsync();
        using var create = await client.SendAsync(HttpMethod.Post, "api/instances", Instance("api-delete"));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.NotNull(_host.InstanceInFile("api-delete"));

        using var delete = await client.ChangeAsync(HttpMethod.Delete, "api/instances/api-delete");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Null(_host.InstanceInFile("api-delete"));
        using var again = await client.SendAsync(HttpMethod.Delete, "api/instances/api-delete", ifMatch: "*");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var read = await client.SendAsync(HttpMethod.Get, "api/instances/api-delete");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_body_larger_than_the_bound_is_refused_with_413_and_saves_nothing()
    {
        using var client = await LoggedInAsync();
        var huge = "{\"name\":\"api-huge\",\"notes\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
        using var response = await client.SendAsync(HttpMethod.Post, "api/instances", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(_host.InstanceInFile("api-huge"));
    }

    [Fact]
    public async Task Profiles_and_license_status_come_from_the_host_s_plugins()
    {
        using var client = await LoggedInAsync();
        var profiles = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/profiles"));
        Assert.Contains(profiles.Children(), p => (string?)p["name"] == "Routit" && (string?)p["urlPrefix"] == "nl.cai");
        var license = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/license"));
        Assert.Equal("trial", (string?)license["mode"]);
        Assert.Equal(25, (int)license["seatsTotal"]!);

        using var refused = await client.SendAsync(HttpMethod.Post, "api/license/codes", new { code = "ECSTA1-not-a-code" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("code", (string?)(await DialogClient.JsonAsync(refused))["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task The_banner_shows_the_api_and_admin_tokens_themselves_only_on_an_interactive_terminal()
    {
        await using var host = await DialogHost.StartAsync(demo: true, interactive: true);

        Assert.Contains("API token:       " + host.ApiToken, host.Banner, StringComparison.Ordinal);
        Assert.Contains("Admin token:     " + host.AdminToken, host.Banner, StringComparison.Ordinal);
        Assert.Contains("(log in with the admin token)", host.Banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_mode_prints_the_dialog_address_and_the_dialog_says_it_is_the_demo()
    {
        await using var demo = await DialogHost.StartAsync(demo: true);
        Assert.Contains("DEMO mode", demo.Banner, StringComparison.Ordinal);
        Assert.Matches(@"Dialog: +http://127\.0\.0\.1:\d+/dialog/", demo.Banner);
        using var client = new DialogClient(demo.Dialog);
        using var login = await client.LoginAsync(demo.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var session = await DialogClient.JsonAsync(await client.SendAsync(HttpMethod.Get, "api/session"));
        Assert.True((bool)session["demo"]!);
    }
}

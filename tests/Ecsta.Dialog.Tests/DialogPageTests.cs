using Ecsta.Dialog.Tests.TestSupport;
using Ecsta.Tsp.Configuration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ecsta.Dialog.Tests;

/// <summary>
/// The dialog's page in headless Debian chromium against the real host: what an administrator does, click by click.
/// Each test has its own browser context (own cookies) and its own instance names.
/// </summary>
[Collection(DialogHostCollection.Name)]
public sealed class DialogPageTests(DialogHostFixture fixture, Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly DialogHost _host = fixture.Host;
    private IBrowserContext? _context;

    private IPage Page { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _context = await chromium.Browser.NewContextAsync();
        _context.SetDefaultTimeout(15_000);
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private async Task LogInAsync()
    {
        await Page.GotoAsync(_host.Dialog.ToString());
        await Page.GetByLabel("Admin token", new() { Exact = true }).FillAsync(_host.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Instances" })).ToBeVisibleAsync();
    }

    private async Task FillNewInstanceAsync(string name, string port)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New instance" }).ClickAsync();
        await Page.GetByLabel("Instance name", new() { Exact = true }).FillAsync(name);
        await Page.GetByLabel("Operating mode", new() { Exact = true }).SelectOptionAsync("server");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Connection" }).ClickAsync();
        await Page.GetByLabel("Host name or IP", new() { Exact = true }).FillAsync("127.0.0.1");
        await Page.GetByLabel("Port", new() { Exact = true }).FillAsync(port);
        await Page.GetByLabel("Connection type", new() { Exact = true }).SelectOptionAsync("http");
        await Page.GetByLabel("User", new() { Exact = true }).FillAsync("admin@example.com");
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("Browser-Pw-99");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Lines" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await Page.GetByLabel("line 1 user id", new() { Exact = true }).FillAsync("alice@example.com");
        await Page.GetByLabel("line 1 number", new() { Exact = true }).FillAsync("+4930100");
        await Page.GetByLabel("line 1 name", new() { Exact = true }).FillAsync("Alice");
    }

    private async Task CreateInstanceAsync(string name)
    {
        await FillNewInstanceAsync(name, "9");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Saved instance “{name}”.");
    }

    private ILocator Row(string name) => Page.Locator($"#instances-table tr[data-instance='{name}']");

    [Fact]
    public async Task Logging_in_with_the_admin_token_shows_the_instance_list()
    {
        await Page.GotoAsync(_host.Dialog.ToString());
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        await Page.GetByLabel("Admin token", new() { Exact = true }).FillAsync(_host.AdminToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Instances" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "New instance" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_wrong_token_is_refused_on_the_login_form()
    {
        await Page.GotoAsync(_host.Dialog.ToString());
        await Page.GetByLabel("Admin token", new() { Exact = true }).FillAsync("certainly-not-the-token");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Refused: this is not the admin token");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Instances" })).ToBeHiddenAsync();
        Assert.Empty(await _context!.CookiesAsync());
    }

    [Fact]
    public async Task The_applications_api_token_is_refused_on_the_login_form()
    {
        await Page.GotoAsync(_host.Dialog.ToString());
        await Page.GetByLabel("Admin token", new() { Exact = true }).FillAsync(_host.ApiToken);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the applications' API token does not log in here");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Instances" })).ToBeHiddenAsync();
        Assert.Empty(await _context!.CookiesAsync());
    }

    [Fact]
    public async Task An_instance_created_through_the_form_is_listed_and_saved_with_its_password_protected()
    {
        await LogInAsync();
        await CreateInstanceAsync("page-create");

        await Expect(Row("page-create")).ToContainTextAsync("http://127.0.0.1:9");
        await Expect(Row("page-create").Locator("td").Nth(4)).ToHaveTextAsync("1");
        var saved = _host.InstanceInFile("page-create")!;
        Assert.Equal("server", (string?)saved["mode"]);
        Assert.Equal("alice@example.com", (string?)saved["lines"]![0]!["userId"]);
        Assert.DoesNotContain("Browser-Pw-99", await File.ReadAllTextAsync(_host.ConfigurationPath), StringComparison.Ordinal);
        Assert.Equal("Browser-Pw-99", new ConfigurationStore(_host.ConfigurationPath).Secrets.Unprotect((string)saved["passwordProtected"]!));
    }

    [Fact]
    public async Task A_bad_port_shows_the_error_beside_the_port_field_and_nothing_is_saved()
    {
        await LogInAsync();
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);
        await FillNewInstanceAsync("page-bad-port", "70000");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var error = Page.Locator("[data-error-for='port']");
        await Expect(error).ToHaveTextAsync("must be between 1 and 65535 (0 = the connection type's default)");
        await Expect(error).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Port", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Connection" })).ToHaveAttributeAsync("aria-selected", "true");
        Assert.Null(_host.InstanceInFile("page-bad-port"));
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));

        await Page.GetByLabel("Port", new() { Exact = true }).FillAsync("8080");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved instance “page-bad-port”.");
        Assert.Equal(8080, (int)_host.InstanceInFile("page-bad-port")!["port"]!);
    }

    [Fact]
    public async Task Editing_an_instance_s_lines_saves_the_new_list_and_keeps_the_password()
    {
        await LogInAsync();
        await CreateInstanceAsync("page-lines");
        var protectedBefore = (string?)_host.InstanceInFile("page-lines")!["passwordProtected"];

        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit page-lines", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Instance page-lines" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Connection" }).ClickAsync();
        await Expect(Page.GetByLabel("Password", new() { Exact = true })).ToHaveAttributeAsync("placeholder", "unchanged");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Lines" }).ClickAsync();
        await Expect(Page.GetByLabel("line 1 user id", new() { Exact = true })).ToHaveValueAsync("alice@example.com");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await Page.GetByLabel("line 2 user id", new() { Exact = true }).FillAsync("bob@example.com");
        await Page.GetByLabel("line 2 number", new() { Exact = true }).FillAsync("+4930200");
        await Page.GetByLabel("line 2 name", new() { Exact = true }).FillAsync("Bob");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await Page.GetByLabel("line 3 user id", new() { Exact = true }).FillAsync("carol@example.com");
        await Page.GetByLabel("line 1 name", new() { Exact = true }).FillAsync("Alice Albers");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove line 2" }).ClickAsync();
        await Expect(Page.GetByLabel("line 2 user id", new() { Exact = true })).ToHaveValueAsync("carol@example.com");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved instance “page-lines”.");
        await Expect(Row("page-lines").Locator("td").Nth(4)).ToHaveTextAsync("2");
        var saved = _host.InstanceInFile("page-lines")!;
        Assert.Equal(["alice@example.com", "carol@example.com"], saved["lines"]!.Select(l => (string)l["userId"]!));
        Assert.Equal("Alice Albers", (string?)saved["lines"]![0]!["name"]);
        Assert.Equal(protectedBefore, (string?)saved["passwordProtected"]);
    }

    [Fact]
    public async Task A_changed_port_shows_the_password_error_and_saves_only_after_keeping_the_password_is_ticked()
    {
        await LogInAsync();
        await CreateInstanceAsync("page-dest");
        var protectedBefore = (string?)_host.InstanceInFile("page-dest")!["passwordProtected"];
        var keep = Page.GetByLabel("Keep the stored password(s) for the changed connection", new() { Exact = true });

        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit page-dest", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Connection" }).ClickAsync();
        await Expect(keep).ToBeHiddenAsync();
        await Page.GetByLabel("Port", new() { Exact = true }).FillAsync("18090");
        await Expect(keep).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.Locator("[data-error-for='password']")).ToContainTextAsync("the port changed");
        Assert.Equal(9, (int)_host.InstanceInFile("page-dest")!["port"]!);

        await keep.CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved instance “page-dest”.");
        var saved = _host.InstanceInFile("page-dest")!;
        Assert.Equal(18090, (int)saved["port"]!);
        Assert.Equal(protectedBefore, (string?)saved["passwordProtected"]);
    }

    [Fact]
    public async Task Saving_an_instance_the_cli_changed_since_the_editor_opened_shows_what_changed_and_loses_nothing()
    {
        await LogInAsync();
        await CreateInstanceAsync("page-conflict");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit page-conflict", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Instance page-conflict" })).ToBeVisibleAsync();

        var store = new ConfigurationStore(_host.ConfigurationPath); // `ecsta lines import` while the editor is open
        var configuration = store.Load();
        configuration.FindInstance("page-conflict")!.Lines.Add(new LineConfiguration { UserId = "bob@example.com", Number = "+4930200", Name = "Bob" });
        store.Save(configuration);

        await Page.GetByLabel("Notes", new() { Exact = true }).FillAsync("edited in the page");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.Locator("#form-errors")).ToContainTextAsync("was changed since you read it");
        await Expect(Page.Locator("#form-errors")).ToContainTextAsync("lines (1 added)");
        var saved = _host.InstanceInFile("page-conflict")!;
        Assert.Equal(["alice@example.com", "bob@example.com"], saved["lines"]!.Select(l => (string)l["userId"]!));
        Assert.Equal("", (string?)saved["notes"]);
    }

    [Fact]
    public async Task In_workstation_mode_the_lines_tab_shows_only_the_login_users_own_line_with_number_and_name_editable()
    {
        await LogInAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New instance" }).ClickAsync();
        await Page.GetByLabel("Instance name", new() { Exact = true }).FillAsync("page-workstation");
        await Expect(Page.GetByLabel("Operating mode", new() { Exact = true })).ToHaveValueAsync("workstation");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Connection" }).ClickAsync();
        await Page.GetByLabel("Host name or IP", new() { Exact = true }).FillAsync("127.0.0.1");
        await Page.GetByLabel("Connection type", new() { Exact = true }).SelectOptionAsync("http");
        await Page.GetByLabel("User", new() { Exact = true }).FillAsync("alice@example.com");
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("Browser-Pw-99");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Lines" }).ClickAsync();

        await Expect(Page.Locator("#own-line-user")).ToHaveTextAsync("alice@example.com");
        await Expect(Page.Locator("[data-list='lines'] tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Add line" })).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Remove line 1" })).ToHaveCountAsync(0);
        await Expect(Page.Locator("#workstation-lines-hint")).ToBeVisibleAsync();
        await Page.GetByLabel("own line number", new() { Exact = true }).FillAsync("+4930100");
        await Page.GetByLabel("own line name", new() { Exact = true }).FillAsync("Front desk");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved instance “page-workstation”.");
        await Expect(Row("page-workstation").Locator("td").Nth(4)).ToHaveTextAsync("1");
        var line = Assert.Single(_host.InstanceInFile("page-workstation")!["lines"]!);
        Assert.Equal("alice@example.com", (string?)line["userId"]);
        Assert.Equal("+4930100", (string?)line["number"]);
        Assert.Equal("Front desk", (string?)line["name"]);

        // Server mode brings the editable list back.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit page-workstation", Exact = true }).ClickAsync();
        await Page.GetByLabel("Operating mode", new() { Exact = true }).SelectOptionAsync("server");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Lines" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Add line" })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("line 1 user id", new() { Exact = true })).ToHaveValueAsync("alice@example.com");
    }

    [Fact]
    public async Task A_line_without_a_user_id_is_marked_in_the_lines_table_and_nothing_is_saved()
    {
        await LogInAsync();
        await CreateInstanceAsync("page-line-error");
        var before = await File.ReadAllTextAsync(_host.ConfigurationPath);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit page-line-error", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Lines" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await Page.GetByLabel("line 2 number", new() { Exact = true }).FillAsync("12x");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Mode", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.Locator("[data-error-for='lines[1].userId']")).ToHaveTextAsync("is required");
        await Expect(Page.Locator("[data-error-for='lines[1].number']")).ToContainTextAsync("is not a phone number");
        await Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Lines" })).ToHaveAttributeAsync("aria-selected", "true");
        Assert.Equal(before, await File.ReadAllTextAsync(_host.ConfigurationPath));
    }

    [Fact]
    public async Task Deleting_an_instance_asks_for_confirmation_and_removes_it_only_when_confirmed()
    {
        await LogInAsync();
        await CreateInstanceAsync("page-delete");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit page-delete", Exact = true }).ClickAsync();

        var asked = new List<string>();
        var accept = false;
        Page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };

        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Instance page-delete" })).ToBeVisibleAsync();
        Assert.Equal(["Delete the instance “page-delete”? Its lines are removed from the running host."], asked);
        Assert.NotNull(_host.InstanceInFile("page-delete"));

        accept = true;
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deleted instance “page-delete”.");
        await Expect(Row("page-delete")).ToHaveCountAsync(0);
        Assert.Equal(2, asked.Count);
        Assert.Null(_host.InstanceInFile("page-delete"));
    }

    [Fact]
    public async Task The_license_view_shows_the_trial_and_refuses_a_bad_code_beside_the_field()
    {
        await LogInAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "License" }).ClickAsync();
        await Expect(Page.Locator("[data-license='mode']")).ToHaveTextAsync("trial");
        await Expect(Page.Locator("[data-license='seats']")).ToContainTextAsync("of 25");
        await Page.GetByLabel("License code", new() { Exact = true }).FillAsync("ECSTA1-garbage");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add code" }).ClickAsync();
        await Expect(Page.Locator("[data-error-for='code']")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task The_page_loads_nothing_from_outside_its_host_and_breaks_no_content_security_rule()
    {
        var requests = new List<string>();
        var problems = new List<string>();
        Page.Request += (_, request) => requests.Add(request.Url);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        await LogInAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New instance" }).ClickAsync();
        await Expect(Page.GetByLabel("Instance name", new() { Exact = true })).ToBeVisibleAsync();

        var origin = _host.Dialog.GetLeftPart(UriPartial.Authority);
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
        Assert.Contains(requests, url => url.EndsWith("/dialog/dialog.js", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}

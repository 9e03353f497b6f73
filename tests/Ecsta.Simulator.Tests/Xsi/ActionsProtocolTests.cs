using System.Net;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Directory;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests.Xsi;

public sealed class ActionsProtocolTests
{
    [Fact]
    public async Task A_request_without_credentials_gets_401_with_a_Basic_challenge()
    {
        await using var t = await SimTest.StartAsync();
        using var client = new HttpClient { BaseAddress = t.Sim.XsiBaseUri };

        using var response = await client.GetAsync(Xml.Calls(t.User(0).UserId));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_wrong_password_gets_401()
    {
        await using var t = await SimTest.StartAsync();
        using var response = await t.Client(t.User(0).UserId, "wrong").GetAsync(Xml.Calls(t.User(0).UserId));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_user_acts_only_on_itself_and_the_group_administrator_on_every_user_of_the_group()
    {
        await using var t = await SimTest.StartAsync();
        var (a, b) = (t.User(0), t.User(1));

        using var own = await t.Client(a).GetAsync(Xml.Calls(a.UserId));
        using var other = await t.Client(a).GetAsync(Xml.Calls(b.UserId));
        using var unknown = await t.Client(a).GetAsync(Xml.Calls("nobody@nowhere"));
        using var admin = await t.AdminClient().GetAsync(Xml.Calls(b.UserId));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Empty(XsiReader.Read<XsiCalls>(await own.Content.ReadAsStringAsync()).Items);
    }

    [Fact]
    public async Task A_bad_address_gets_400_with_an_ErrorInfo_summaryEnglish()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);

        using var response = await t.Client(a).PostAsync($"{Xml.Calls(a.UserId)}/new?address=not%20a%20number", null);

        var error = await Xml.ReadAsync<XsiErrorInfo>(response, HttpStatusCode.BadRequest);
        Assert.Contains("Invalid address", error.SummaryEnglish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_segments_are_case_insensitive_and_calls_new_answers_201_with_Location_and_CallStartInfo()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);

        using var response = await t.Client(a).PostAsync($"com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/CALLS/New?address=%2B4930123", null);

        var info = await Xml.ReadAsync<XsiCallStartInfo>(response, HttpStatusCode.Created);
        Assert.Matches("^callhalf-[0-9]+:[0-9]+$", info.CallId);
        Assert.EndsWith("/calls/" + info.CallId, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var list = await Xml.GetAsync<XsiCalls>(t.Client(a), Xml.Calls(a.UserId));
        Assert.Equal(info.CallId, Assert.Single(list.Items).CallId);
        var hook = await Xml.GetAsync<XsiHookStatus>(t.Client(a), $"{Xml.Calls(a.UserId)}/hookstatus");
        Assert.Contains(hook.HookStatus, new[] { "On-Hook", "Off-Hook" });
    }

    [Fact]
    public async Task Unknown_calls_get_404_with_an_ErrorInfo()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);

        using var response = await t.Client(a).PutAsync($"{Xml.Calls(a.UserId)}/callhalf-1:0/Hold", null);

        await Xml.ReadAsync<XsiErrorInfo>(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Profile_names_the_group_and_enterprise()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);

        var profile = await Xml.GetAsync<XsiProfile>(t.Client(a), $"com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/profile");

        Assert.Equal((a.UserId, a.Number, a.Extension, a.Group.GroupId, a.Group.ServiceProviderId, true), (profile.Details.UserId, profile.Details.Number, profile.Details.Extension, profile.Details.GroupId, profile.Details.ServiceProvider, profile.Details.IsEnterprise));
    }

    [Fact]
    public async Task Group_and_enterprise_directories_page_with_start_and_results()
    {
        await using var t = await SimTest.StartAsync(SimTest.FastOptions(users: 5));
        var a = t.User(0);

        var page = await Xml.GetAsync<XsiDirectoryPage>(t.Client(a), $"com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/directories/Group?start=3&results=2");
        var enterprise = await Xml.GetAsync<XsiDirectoryPage>(t.Client(a), $"com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/directories/enterprise");

        Assert.Equal((XsiDirectoryKind.Group, 3, 2, 5), (page.Kind, page.StartIndex, page.NumberOfRecords, page.TotalAvailableRecords));
        Assert.Equal([t.User(2).UserId, t.User(3).UserId], page.Entries.Select(e => e.UserId));
        Assert.Equal((XsiDirectoryKind.Enterprise, 5), (enterprise.Kind, enterprise.Entries.Count));
    }

    [Fact]
    public async Task A_configured_url_prefix_is_required_before_the_context_paths()
    {
        await using var t = await SimTest.StartAsync(SimTest.FastOptions() with { UrlPrefix = "/nl.cai" });
        var a = t.User(0);
        using var withoutPrefix = new HttpClient { BaseAddress = new Uri(t.Sim.XsiBaseUri!.GetLeftPart(UriPartial.Authority)) };
        withoutPrefix.DefaultRequestHeaders.Authorization = t.Client(a).DefaultRequestHeaders.Authorization;

        using var prefixed = await t.Client(a).GetAsync(Xml.Calls(a.UserId));
        using var plain = await withoutPrefix.GetAsync(Xml.Calls(a.UserId));

        Assert.EndsWith("/nl.cai/", t.Sim.XsiBaseUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
    }

    [Fact]
    public async Task Versions_are_served_for_actions_and_events()
    {
        await using var t = await SimTest.StartAsync();
        var client = t.Client(t.User(0));

        var actions = await Xml.GetAsync<XsiVersions>(client, "com.broadsoft.xsi-actions/v2.0/versions");
        var events = await Xml.GetAsync<XsiVersions>(client, "com.broadsoft.xsi-events/v2.0/versions");

        Assert.Equal(("21.0", "21.0"), (actions.CommandsBaseline, events.EventPackagesBaseline));
    }

    [Fact]
    public async Task Https_works_with_validation_against_the_generated_CA_and_fails_without_trusting_it()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        using var untrusting = new HttpClient { BaseAddress = t.Sim.XsiHttpsBaseUri };

        using var trusted = await t.Client(a.UserId, a.Password, https: true).GetAsync(Xml.Calls(a.UserId));

        Assert.Equal(HttpStatusCode.OK, trusted.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(Xml.Calls(a.UserId)));
        Assert.Contains("BEGIN CERTIFICATE", t.Sim.Certificates.CaPem, StringComparison.Ordinal);
    }
}

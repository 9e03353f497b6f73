using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>
/// A line configured without a number or a name (a bare user id, or a workstation line) takes them from the user's
/// BroadWorks profile when it comes into service; the configuration always wins; applications learn of it through
/// LINEDEVSTATE_CAPSCHANGE and LINEADDRESSSTATE_CAPSCHANGE.
/// </summary>
public sealed class LineProfileTests
{
    private static readonly PlatformLine AliceProfile = new(TspHarness.User, "+49-30-123100", "100", "Alice Example");

    [Fact]
    public async Task A_bare_user_id_line_takes_number_and_name_from_the_profile_and_tells_open_applications_that_its_caps_changed()
    {
        var link = new FakePlatformLink { ProfileGate = new TaskCompletionSource() };
        link.Profiles[TspHarness.User] = AliceProfile;
        await using var h = await TspHarness.StartAsync(link: link, line: new TspLineSettings(TspHarness.User, "", ""));
        Assert.Equal("", h.Provider.GetAddressCaps(h.DeviceId)!.Address);

        link.ProfileGate.SetResult();
        await h.SettleAsync();

        Assert.Equal(["LINE_LINEDEVSTATE CAPSCHANGE", "LINE_ADDRESSSTATE CAPSCHANGE"], h.Take());
        Assert.Equal("+4930123100", h.Provider.GetAddressCaps(h.DeviceId)!.Address);
        Assert.Equal("+4930123100 / Alice Example", h.Provider.GetDevCaps(h.DeviceId)!.LineName);
    }

    [Fact]
    public async Task A_configured_number_and_name_are_kept_and_the_profile_is_not_read()
    {
        var link = new FakePlatformLink();
        link.Profiles[TspHarness.User] = AliceProfile;
        await using var h = await TspHarness.StartAsync(link: link);

        Assert.DoesNotContain(link.Commands, c => c.StartsWith("ReadUser", StringComparison.Ordinal));
        Assert.Equal(TspHarness.Number, h.Provider.GetAddressCaps(h.DeviceId)!.Address);
        Assert.Equal("1010 / Alice Example", h.Provider.GetDevCaps(h.DeviceId)!.LineName);
    }

    [Fact]
    public async Task A_configured_number_wins_and_only_the_missing_name_comes_from_the_profile()
    {
        var link = new FakePlatformLink();
        link.Profiles[TspHarness.User] = AliceProfile;
        await using var h = await TspHarness.StartAsync(link: link, line: new TspLineSettings(TspHarness.User, "1010", ""), options: new TspOptions { LineNameFormat = LineNameFormat.Name });

        Assert.Equal("1010", h.Provider.GetAddressCaps(h.DeviceId)!.Address);
        Assert.Equal("Alice Example", h.Provider.GetDevCaps(h.DeviceId)!.LineName);
    }

    [Fact]
    public async Task Without_a_number_in_the_profile_the_extension_becomes_the_lines_address()
    {
        var link = new FakePlatformLink();
        link.Profiles[TspHarness.User] = AliceProfile with { Number = null };
        await using var h = await TspHarness.StartAsync(link: link, line: new TspLineSettings(TspHarness.User, "", "Reception"));

        Assert.Equal("100", h.Provider.GetAddressCaps(h.DeviceId)!.Address);
        Assert.Equal("100 / Reception", h.Provider.GetDevCaps(h.DeviceId)!.LineName);
    }

    [Fact]
    public async Task A_failed_profile_read_is_tried_again_when_the_line_comes_back_into_service()
    {
        var link = new FakePlatformLink { ProfileGate = new TaskCompletionSource() };
        link.Profiles[TspHarness.User] = AliceProfile;
        await using var h = await TspHarness.StartAsync(link: link, line: new TspLineSettings(TspHarness.User, "", ""));
        link.ProfileGate.SetException(new PlatformException(PlatformErrorKind.LinkDown, "connection reset"));
        await h.SettleAsync();
        Assert.Equal("", h.Provider.GetAddressCaps(h.DeviceId)!.Address);
        Assert.Empty(h.Take());

        link.ProfileGate = null;
        await h.PushAsync(new LinkStateEvent { State = LinkState.Reconnecting, Reason = "stream closed" });
        await h.PushAsync(new LinkStateEvent { State = LinkState.Connected });

        Assert.Equal(["LINE_LINEDEVSTATE OUTOFSERVICE", "LINE_LINEDEVSTATE INSERVICE", "LINE_LINEDEVSTATE CAPSCHANGE", "LINE_ADDRESSSTATE CAPSCHANGE"], h.Take());
        Assert.Equal("+4930123100", h.Provider.GetAddressCaps(h.DeviceId)!.Address);
        Assert.Equal(1, link.Commands.Count(c => c == "ReadUser " + TspHarness.User)); // since the harness cleared the first
    }

    [Fact]
    public async Task A_transport_that_cannot_read_profiles_leaves_the_configured_values_and_is_not_asked_again()
    {
        var link = new FakePlatformLink();
        await using var h = await TspHarness.StartAsync(link: link, line: new TspLineSettings(TspHarness.User, "", ""), open: false);
        // The harness forgot the first read (made when the line came into service); the line then opens.
        Assert.Equal(LineErr.SUCCESS, h.Provider.Open(h.DeviceId, h.Sink, LineCallPrivilege.OWNER).Result);

        await h.PushAsync(new LinkStateEvent { State = LinkState.Reconnecting, Reason = "stream closed" });
        await h.PushAsync(new LinkStateEvent { State = LinkState.Connected });

        Assert.Equal(["LINE_LINEDEVSTATE OUTOFSERVICE", "LINE_LINEDEVSTATE INSERVICE"], h.Take());
        Assert.DoesNotContain(link.Commands, c => c.StartsWith("ReadUser", StringComparison.Ordinal));
        Assert.Equal("", h.Provider.GetAddressCaps(h.DeviceId)!.Address);
    }

    [Fact]
    public async Task A_configuration_edit_of_a_lines_number_reaches_open_applications_as_caps_change()
    {
        await using var h = await TspHarness.StartAsync();

        h.Provider.AddLine(new TspLineSettings(TspHarness.User, "1099", "Alice Example"));
        await h.SettleAsync();

        Assert.Equal(["LINE_LINEDEVSTATE CAPSCHANGE", "LINE_ADDRESSSTATE CAPSCHANGE"], h.Take());
        Assert.Equal("1099", h.Provider.GetAddressCaps(h.DeviceId)!.Address);
    }
}

using System.Globalization;
using Ecsta.Abstractions.Platform;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>The call contract over the CTI socket, plus Remote Office over the HTTP side channel.</summary>
public sealed class CallControlTests : CallControlContract<Harness>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Remote_Office_goes_over_the_HTTP_side_channel_and_its_event_arrives_on_the_socket(bool secure)
    {
        await using var h = await Harness.StartAsync(new HarnessOptions { Secure = secure });
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0].UserId;
        await h.Next<ServiceEvent>(e => e.Setting.Service == UserService.RemoteOffice);

        await h.Link.SetServiceAsync(user, new ServiceSetting(UserService.RemoteOffice, true, "+4989333444"), CancellationToken.None);
        var changed = await h.Next<ServiceEvent>(e => e.Setting.Service == UserService.RemoteOffice);
        Assert.True(changed.Setting.Active);
        Assert.True((await h.Link.GetServiceAsync(user, UserService.RemoteOffice, CancellationToken.None)).Active);

        var scheme = secure ? "https" : "http";
        var port = h.HttpPort.ToString(CultureInfo.InvariantCulture);
        Assert.Contains(Harness.TraceSink.Lines, l => l.StartsWith("-> \"PUT\"", StringComparison.Ordinal) && l.Contains($"{scheme}://127.0.0.1:{port}/com.broadsoft.xsi-actions/v2.0/user/", StringComparison.Ordinal) && l.Contains("/services/RemoteOffice", StringComparison.Ordinal));
    }

    /// <summary>The service commands were tunnelled on the socket, none sent over HTTP.</summary>
    protected override void AssertServicesTravelled(TransportHarness h)
    {
        var lines = TransportHarness.TraceSink.Lines;
        Assert.Contains(lines, l => l.StartsWith("-> cti", StringComparison.Ordinal) && l.Contains("/services/CallForwardingNoAnswer", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("-> ", StringComparison.Ordinal) && !l.StartsWith("-> cti", StringComparison.Ordinal) && l.Contains("/services/CallForwardingNoAnswer", StringComparison.Ordinal));
    }

    /// <summary>A session login: the credentials travel on the first request of the connection only.</summary>
    protected override void AssertCredentialsSent(TransportHarness h, IReadOnlyList<string> trace)
    {
        var session = ((Harness)h).Link.CurrentSession()!.Connection.SessionId;
        var sent = trace.Where(l => l.StartsWith("-> cti", StringComparison.Ordinal) && l.Contains(session, StringComparison.Ordinal)).ToList();
        Assert.True(sent.Count > 5);
        Assert.Single(sent, l => l.Contains("<credentials>", StringComparison.Ordinal));
    }
}

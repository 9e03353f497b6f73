using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Testing;
using Ecsta.Tsp.Configuration;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// All XSI traffic of an instance with a proxy in its advanced options goes through a real tinyproxy: over plain HTTP
/// as absolute-URI requests (each on a connection of its own, tinyproxy serves one request per client connection),
/// over HTTPS through a CONNECT tunnel.
/// </summary>
public sealed class ProxyTests(HostEnvironment env) : IClassFixture<HostEnvironment>
{
    [Fact]
    public async Task Over_http_the_line_comes_into_service_through_tinyproxy_and_a_call_works()
    {
        var user = env.NextUser();
        var folder = Directory.CreateDirectory(Path.Combine(env.Folder, "proxy-http")).FullName;
        await using var proxy = await TinyproxyServer.StartAsync(folder);
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.Advanced.Proxy = new ProxyConfiguration { Address = proxy.Address };

        await using var line = await env.StartAsync(instance);
        await line.ConnectOutgoingAsync(env.Simulator.Engine, user, "030" + user.Extension + "61");

        // The link never faltered on the way: no request through the proxy failed.
        Assert.DoesNotContain(LineExpectations.DS(LineDevState.OUTOFSERVICE), line.Sink.Entries);
        var log = proxy.ReadLog();
        var userInPath = Uri.EscapeDataString(user.UserId);
        var prefix = $"http://127.0.0.1:{env.Simulator.XsiPort}/com.broadsoft";
        Assert.Contains($"Request (file descriptor", log, StringComparison.Ordinal);
        Assert.Contains($"POST {prefix}.async/com.broadsoft.xsi-events/v2.0/channel ", log, StringComparison.Ordinal);
        Assert.Contains($"POST {prefix}.xsi-events/v2.0/user/{userInPath}", log, StringComparison.Ordinal);
        Assert.Contains($"POST {prefix}.xsi-actions/v2.0/user/{userInPath}/calls/new?address=030{user.Extension}61", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_the_XSI_traffic_is_tunnelled_with_CONNECT_through_tinyproxy_and_a_call_works()
    {
        var user = env.NextUser();
        var folder = Directory.CreateDirectory(Path.Combine(env.Folder, "proxy-https")).FullName;
        await using var proxy = await TinyproxyServer.StartAsync(folder);
        var instance = env.Instance(user, InstanceMode.Workstation, ConnectionTypes.Https);
        instance.Advanced.Proxy = new ProxyConfiguration { Address = proxy.Address };

        await using var line = await env.StartAsync(instance);
        await line.ConnectOutgoingAsync(env.Simulator.Engine, user, "030" + user.Extension + "62");

        Assert.Contains($"CONNECT 127.0.0.1:{env.Simulator.XsiHttpsPort} ", proxy.ReadLog(), StringComparison.Ordinal);
    }
}

using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests.Xsi;

/// <summary>
/// Replays the captured check_xsievents exchange (fixtures/kimwinther-check_xsi) against the simulator over TLS
/// and compares status, the headers that matter, the chunking and the documents (ids normalised).
/// </summary>
public sealed class CaptureReplayTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures", "kimwinther-check_xsi");

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(Fixtures, name));

    private static string Normalise(string xml, params string[] values)
    {
        foreach (var value in values)
        {
            xml = xml.Replace(value, "<id>", StringComparison.Ordinal);
        }

        return Regex.Replace(xml, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_captured_channel_add_subscription_and_initial_event_replay_with_the_same_shape()
    {
        var options = SimTest.FastOptions() with { Events = SimTest.FastOptions().Events with { GrantedExpires = 86400 } };
        await using var t = await SimTest.StartAsync(options);
        var user = t.User(0);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", t.Sim.XsiHttpsPort!.Value);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, cert, _, errors) => t.Sim.Certificates.Validate(cert, errors));
        await tls.AuthenticateAsClientAsync("localhost");
        var body = File.ReadAllBytes(Path.Combine(Fixtures, "01-channel-add-request.xml"));
        Assert.Equal(227, body.Length);
        var head = "POST /com.broadsoft.async/com.broadsoft.xsi-events/v2.0/channel HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n"
            + $"Content-Length: {body.Length}\r\nAuthorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(user.UserId + ":" + user.Password))}\r\n\r\n";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head));
        await tls.WriteAsync(body);
        var reader = new RawHttpReader(tls);

        var (status, headers) = await reader.ReadHeadAsync();

        Assert.Equal("HTTP/1.1 200 OK", status);
        // Keep-Alive and Connection are hop-by-hop connection management, not part of the channel's shape.
        foreach (var (name, value) in CapturedResponseHeaders().Where(h => h.Name is not ("Keep-Alive" or "Connection")))
        {
            Assert.True(headers.ContainsKey(name), "missing header " + name);
            switch (name)
            {
                case "TrackingID":
                    Assert.Matches("^NA_[0-9a-f-]{36}$", headers[name]);
                    break;
                case "Set-Cookie":
                    Assert.Matches("^JSESSIONID=[0-9A-F]{32}; Path=/com.broadsoft.xsi-events; Secure; HttpOnly$", headers[name]);
                    break;
                case "Date":
                    break;
                default:
                    Assert.Equal(value, headers[name]);
                    break;
            }
        }

        var channelChunk = await reader.ReadChunkAsync();
        var channelText = Encoding.UTF8.GetString(channelChunk);
        var channelId = Regex.Match(channelText, "<channelId>([^<]+)</channelId>", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.Equal(Normalise(Fixture("02-channel-add-response-first-chunk.xml")), Normalise(channelText));
        Assert.Equal(181, channelChunk.Length);

        using var subscribe = await t.Client(user).PostAsync($"com.broadsoft.xsi-events/v2.0/user/{user.UserId}", Xml.Body(Fixture("03-subscription-request.xml")));
        var subscriptionText = await subscribe.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, subscribe.StatusCode);
        Assert.Equal(Normalise(Fixture("04-subscription-response.xml")), Normalise(subscriptionText));

        var eventText = Encoding.UTF8.GetString(await reader.ReadChunkAsync());
        Assert.Equal(Normalise(Fixture("05-event-CallSubscriptionEvent-onhook.xml"), "username@qsc.de"), Normalise(eventText, user.UserId));
        Assert.Contains($"<xsi:channelId>{channelId}</xsi:channelId>", eventText, StringComparison.Ordinal);
    }

    private static List<(string Name, string Value)> CapturedResponseHeaders()
    {
        var lines = Fixture("06-channel-stream-transcript.txt").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf("HTTP/1.1 200 OK");
        return [.. lines.Skip(start + 1).TakeWhile(l => l.Length > 0).Select(l => (l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))];
    }

    /// <summary>Reads an HTTP/1.1 response head and its chunks from a raw stream.</summary>
    private sealed class RawHttpReader(Stream stream)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<(string Status, Dictionary<string, string> Headers)> ReadHeadAsync()
        {
            var status = await ReadLineAsync();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string line;
            while ((line = await ReadLineAsync()).Length > 0)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon]] = line[(colon + 1)..].Trim();
            }

            return (status, headers);
        }

        public async Task<byte[]> ReadChunkAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var size = Convert.ToInt32(await ReadLineAsync(cts.Token), 16);
            var data = new byte[size];
            await stream.ReadExactlyAsync(data, cts.Token);
            Assert.Equal(string.Empty, await ReadLineAsync(cts.Token));
            return data;
        }

        private async Task<string> ReadLineAsync(CancellationToken ct = default)
        {
            var line = new StringBuilder();
            while (true)
            {
                await stream.ReadExactlyAsync(_one, ct);
                if (_one[0] == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                line.Append((char)_one[0]);
            }
        }
    }
}

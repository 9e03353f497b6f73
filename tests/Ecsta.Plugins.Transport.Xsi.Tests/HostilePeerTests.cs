using System.Net;
using System.Net.Sockets;
using System.Text;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Actions;
using Ecsta.BroadWorks.Link.Http;
using Ecsta.BroadWorks.Link.Net;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

/// <summary>A peer on a real socket that sends an answer's head and then stalls its body (issue 14, item 9).</summary>
public sealed class HostilePeerTests
{
    [Fact]
    public async Task An_error_answer_whose_body_never_ends_fails_the_channel_open_within_the_request_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var peer = StallingPeerAsync(listener, stop.Token);
        var options = new PlatformLinkOptions
        {
            InstanceName = "hostile",
            Host = "127.0.0.1",
            Port = port,
            ConnectionType = ConnectionTypes.Http,
            UserId = "alice@example.com",
            Password = "secret",
            RequestTimeout = TimeSpan.FromSeconds(3), // a cold first request on a busy machine needs more than a fraction of a second
        };
        var validator = new ServerCertificateValidator(null, null);
        var target = new ServiceTarget("127.0.0.1", port);
        using var requester = new XsiRequester(XsiHttpClientFactory.Create(options, validator, new FixedServiceLocator(target)), options, validator, Serilog.Core.Logger.None);

        var open = requester.OpenStreamAsync(new XsiRequest(HttpMethod.Post, target, XsiPaths.StreamingChannel), CancellationToken.None);
        var error = await Assert.ThrowsAsync<PlatformException>(() => open.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(PlatformErrorKind.Timeout, error.Kind);
        Assert.Contains("within 3 s", error.Message, StringComparison.Ordinal); // "refused the event channel (HTTP 503) and did not finish its answer within 3 s"
        await stop.CancelAsync();
        await peer;
    }

    [Fact]
    public async Task Acknowledgements_an_XSP_answers_slowly_wait_in_a_bounded_queue_and_the_stream_reader_waits_with_them()
    {
        await using var h = await Harness.StartAsync(new HarnessOptions());
        await h.ConnectAndMonitorAsync();
        var session = h.Link.CurrentSession()!;
        var user = h.Sim.Users[0];
        h.Sim.Faults.ResponseDelay = TimeSpan.FromSeconds(2); // every answer, the EventResponses too

        for (var i = 0; i < 400; i++)
        {
            h.Sim.Faults.EmitPhantomCall(user.UserId, releaseAfter: TimeSpan.FromMilliseconds(1));
        }

        // The stream fills the queue up to its bound (800 events are on their way, two acks leave every 2 s) ...
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (session.PendingAcks < Events.XsiSession.AckQueueCapacity)
        {
            await Task.Delay(20, deadline.Token);
        }

        // ... and never past it: the reader waits instead of the queue growing.
        var highest = 0;
        for (var i = 0; i < 50; i++)
        {
            highest = Math.Max(highest, session.PendingAcks);
            await Task.Delay(20);
        }

        Assert.True(highest <= Events.XsiSession.AckQueueCapacity, $"{highest} acknowledgements waited");
        h.Sim.Faults.ResponseDelay = TimeSpan.Zero;
    }

    /// <summary>Reads a request head, answers 503 with a long body, writes a few bytes of it and stalls until stopped.</summary>
    private static async Task StallingPeerAsync(TcpListener listener, CancellationToken stop)
    {
        using var client = await listener.AcceptTcpClientAsync(stop);
        var stream = client.GetStream();
        var buffer = new byte[8192];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, stop);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/xml\r\nContent-Length: 1000000\r\n\r\n<ErrorInfo>"), stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }
}

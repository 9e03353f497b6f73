using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ecsta.BroadWorks.Framing;
using Ecsta.BroadWorks.Tests.Cti;
using Ecsta.BroadWorks.Tests.Support;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Tests.Framing;

public sealed class ConsecutiveXmlDocumentFramerTests
{
    [Fact]
    public async Task Messages_written_on_one_end_of_a_loopback_socket_are_read_whole_on_the_other()
    {
        var ct = TestTimeout.Current();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, ct);
        using var server = await listener.AcceptTcpClientAsync(ct);
        var factory = new ConsecutiveXmlDocumentFramerFactory();
        await using var serverFramer = factory.Create(server.GetStream());
        await using var clientFramer = factory.Create(client.GetStream());
        var messages = XspEnvelopeTests.Messages().ToList();

        foreach (var message in messages)
        {
            await serverFramer.WriteMessageAsync(message, ct);
        }

        foreach (var message in messages)
        {
            Assert.Equal(message, await clientFramer.ReadMessageAsync(ct));
        }

        server.Client.Shutdown(SocketShutdown.Send);
        Assert.Null(await clientFramer.ReadMessageAsync(ct));
    }

    [Fact]
    public async Task Concurrent_writers_never_interleave_documents()
    {
        var ct = TestTimeout.Current();
        var pipe = new Pipe();
        await using var writer = new ConsecutiveXmlDocumentFramer(new Pipe().Reader, pipe.Writer);
        await using var reader = new ConsecutiveXmlDocumentFramer(pipe.Reader, new Pipe().Writer);
        var documents = Enumerable.Range(0, 200)
            .Select(i => XsiWriter.ToBytes(new XsiEventResponse("event-" + i + new string('x', i * 10))))
            .ToList();

        var writes = documents.Select(d => Task.Run(async () => await writer.WriteDocumentAsync(d, ct), ct)).ToList();
        var received = new List<byte[]>();
        for (var i = 0; i < documents.Count; i++)
        {
            received.Add((await reader.ReadDocumentAsync(ct))!);
        }

        await Task.WhenAll(writes);
        var expected = documents.Select(Encoding.UTF8.GetString).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, received.Select(Encoding.UTF8.GetString).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_document_is_an_error()
    {
        var bytes = XsiWriter.ToBytes(new XsiHookStatus("On-Hook"));
        await using var framer = new ConsecutiveXmlDocumentFramer(new MemoryStream(bytes[..^3]));

        await Assert.ThrowsAsync<XsiFormatException>(async () => await framer.ReadDocumentAsync(TestTimeout.Current()));
    }

    [Fact]
    public async Task Documents_and_whitespace_from_a_stream_are_read_until_its_end()
    {
        var documents = XsiChunkSplitterTests.AllDocuments();
        await using var framer = new ConsecutiveXmlDocumentFramer(new MemoryStream(XsiChunkSplitterTests.Concatenate(documents)));
        var received = new List<byte[]>();

        while (await framer.ReadDocumentAsync(TestTimeout.Current()) is { } document)
        {
            received.Add(document);
        }

        XsiChunkSplitterTests.AssertSameDocuments(documents, received);
    }

    [Fact]
    public async Task An_oversized_document_is_refused_on_reading_and_on_writing()
    {
        var big = XsiWriter.ToBytes(new XsiErrorInfo(new string('x', 500), null));
        await using var framer = new ConsecutiveXmlDocumentFramer(new MemoryStream(big), maxDocumentBytes: 256);

        await Assert.ThrowsAsync<XsiFormatException>(async () => await framer.ReadDocumentAsync(TestTimeout.Current()));
        await Assert.ThrowsAsync<ArgumentException>(async () => await framer.WriteDocumentAsync(big, TestTimeout.Current()));
    }

    [Fact]
    public async Task A_cancelled_read_stops_waiting()
    {
        var pipe = new Pipe();
        await using var framer = new ConsecutiveXmlDocumentFramer(pipe.Reader, new Pipe().Writer);
        using var cts = new CancellationTokenSource();

        var read = framer.ReadDocumentAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }
}

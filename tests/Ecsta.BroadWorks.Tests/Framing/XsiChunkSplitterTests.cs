using System.Text;
using System.Text.RegularExpressions;
using Ecsta.BroadWorks.Framing;
using Ecsta.BroadWorks.Tests.Support;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Tests.Framing;

public sealed partial class XsiChunkSplitterTests
{
    /// <summary>Documents with the constructs a naive splitter gets wrong.</summary>
    private static readonly string[] Tricky =
    [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a comment with <Channel> and --> inside -->\n<Channel xmlns=\"http://schema.broadsoft.com/xsi\"><channelId>a</channelId></Channel>",
        "<?xml version=\"1.0\"?><Calls xmlns=\"http://schema.broadsoft.com/xsi\" note=\"a > b /> c\" other='x\"/>'><call inConference=\"false\"><callId>c</callId><uri><![CDATA[</Calls> ]] ]]></uri></call></Calls>",
        "<?xml version=\"1.0\"?><?custom instruction ?> ?><HookStatus xmlns=\"http://schema.broadsoft.com/xsi\"><hookStatus>On-Hook</hookStatus></HookStatus>",
        "<ChannelHeartBeat xmlns=\"http://schema.broadsoft.com/xsi\"/>",
        "<?xml version=\"1.0\"?><ChannelHeartBeat xmlns=\"http://schema.broadsoft.com/xsi\" />",
    ];

    [Fact]
    public void The_captured_stream_transcript_splits_into_the_channel_and_the_initial_event()
    {
        var body = TranscriptBody();
        var splitter = new XsiChunkSplitter();

        splitter.Append(body);

        Assert.True(splitter.TryReadDocument(out var first));
        Assert.True(splitter.TryReadDocument(out var second));
        Assert.False(splitter.TryReadDocument(out _));
        Assert.Equal(Fixtures.Bytes("02-channel-add-response-first-chunk.xml"), first);
        Assert.Equal(Fixtures.Bytes("05-event-CallSubscriptionEvent-onhook.xml"), second);
        Assert.IsType<XsiChannel>(XsiReader.Read(first));
        Assert.IsType<XsiSubscriptionEvent>(XsiReader.Read(second));
        Assert.Equal(0, splitter.PendingBytes);
    }

    [Fact]
    public void A_document_is_delivered_as_soon_as_its_root_closes()
    {
        var splitter = new XsiChunkSplitter();

        splitter.Append(XsiWriter.ToBytes(XsiChannelHeartBeat.Instance));

        Assert.True(splitter.TryReadDocument(out var document));
        Assert.Same(XsiChannelHeartBeat.Instance, XsiReader.Read(document));
    }

    [Fact]
    public void A_chunk_holding_several_documents_yields_each_of_them()
    {
        var documents = AllDocuments();
        var splitter = new XsiChunkSplitter();

        splitter.Append(Concatenate(documents));

        AssertSameDocuments(documents, Drain(splitter));
    }

    [Fact]
    public void Documents_straddling_random_chunk_boundaries_come_out_whole_and_in_order()
    {
        var documents = AllDocuments();
        var stream = Concatenate(documents);
        for (var seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            var splitter = new XsiChunkSplitter();
            var received = new List<byte[]>();
            var offset = 0;
            while (offset < stream.Length)
            {
                var size = random.Next(4) == 0 ? random.Next(1, 4) : random.Next(1, 700);
                size = Math.Min(size, stream.Length - offset);
                splitter.Append(stream.AsSpan(offset, size));
                offset += size;
                received.AddRange(Drain(splitter));
            }

            AssertSameDocuments(documents, received);
        }
    }

    [Fact]
    public void Feeding_one_byte_at_a_time_yields_every_document()
    {
        var documents = AllDocuments();
        var stream = Concatenate(documents);
        var splitter = new XsiChunkSplitter();
        var received = new List<byte[]>();

        foreach (var b in stream)
        {
            splitter.Append([b]);
            received.AddRange(Drain(splitter));
        }

        AssertSameDocuments(documents, received);
    }

    [Fact]
    public void A_document_larger_than_the_limit_is_refused_even_before_it_ends()
    {
        var splitter = new XsiChunkSplitter(maxDocumentBytes: 100);

        splitter.Append(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><a>"));

        Assert.Throws<XsiFormatException>(() => splitter.Append(new byte[200].Select(_ => (byte)'x').ToArray()));
    }

    [Fact]
    public void Bytes_between_documents_that_cannot_start_one_are_refused()
    {
        var splitter = new XsiChunkSplitter();

        Assert.Throws<XsiFormatException>(() => splitter.Append(Encoding.UTF8.GetBytes("<a/>garbage<b/>")));
    }

    [Fact]
    public void A_partial_document_stays_pending()
    {
        var splitter = new XsiChunkSplitter();
        var bytes = XsiWriter.ToBytes(Samples.Event(new XsiHookStatusEventData("On-Hook")));

        splitter.Append(bytes.AsSpan(0, bytes.Length - 1));

        Assert.False(splitter.TryReadDocument(out _));
        Assert.True(splitter.InDocument);
        Assert.Equal(bytes.Length - 1, splitter.PendingBytes);
        splitter.Append(bytes.AsSpan(bytes.Length - 1));
        Assert.True(splitter.TryReadDocument(out var document));
        Assert.Equal(bytes, document);
    }

    internal static List<byte[]> AllDocuments() =>
    [
        .. Fixtures.XmlFiles().Select(Fixtures.Bytes),
        .. Samples.AllDocuments().Select(d => XsiWriter.ToBytes(d)),
        .. Tricky.Select(Encoding.UTF8.GetBytes),
        XsiWriter.ToBytes(new XsiErrorInfo("Größe", "Size"), new XsiWriterOptions { Encoding = Encoding.Latin1 }),
    ];

    internal static byte[] Concatenate(List<byte[]> documents)
    {
        using var stream = new MemoryStream();
        for (var i = 0; i < documents.Count; i++)
        {
            stream.Write(documents[i]);
            if (i % 3 == 1)
            {
                stream.Write("\r\n"u8); // whitespace between documents is allowed and belongs to none
            }
        }

        return stream.ToArray();
    }

    /// <summary>Byte-exact comparison (xunit's structural comparer is too slow for megabytes).</summary>
    internal static void AssertSameDocuments(List<byte[]> expected, List<byte[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"Document {i} differs: {Encoding.UTF8.GetString(actual[i])}");
        }
    }

    private static List<byte[]> Drain(XsiChunkSplitter splitter)
    {
        var documents = new List<byte[]>();
        while (splitter.TryReadDocument(out var document))
        {
            documents.Add(document);
        }

        return documents;
    }

    /// <summary>The streamed response body of the transcript: everything after the headers without the chunk-size lines.</summary>
    private static byte[] TranscriptBody()
    {
        var text = Encoding.UTF8.GetString(Fixtures.Bytes("06-channel-stream-transcript.txt"));
        var response = text[text.IndexOf("HTTP/1.1 200 OK", StringComparison.Ordinal)..];
        var body = response[(response.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        var withoutSizes = ChunkSizeLine().Replace(body, string.Empty);
        return Encoding.UTF8.GetBytes(withoutSizes);
    }

    [GeneratedRegex("^[0-9a-fA-F]+\\r?\\n", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChunkSizeLine();
}

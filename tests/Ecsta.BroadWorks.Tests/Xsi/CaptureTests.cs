using Ecsta.BroadWorks.Tests.Support;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Tests.Xsi;

public sealed class CaptureTests
{
    public static TheoryData<string> CaptureFiles() => [.. Fixtures.XmlFiles()];

    [Theory]
    [MemberData(nameof(CaptureFiles))]
    public void Every_captured_document_parses(string file)
    {
        var document = XsiReader.Read(Fixtures.Bytes(file));

        Assert.NotNull(document);
    }

    [Fact]
    public void The_captured_channel_add_request_reads_its_fields()
    {
        var channel = XsiReader.Read<XsiChannel>(Fixtures.Bytes("01-channel-add-request.xml"));

        Assert.Equal(
            new XsiChannel { ChannelSetId = "KIWI-040D0D020D06040A0902080E010B0A0C", Priority = 1, Weight = 50, Expires = 3600 },
            channel);
    }

    [Fact]
    public void Writing_the_captured_channel_add_request_gives_the_same_bytes()
    {
        var bytes = Fixtures.Bytes("01-channel-add-request.xml");
        var channel = XsiReader.Read<XsiChannel>(bytes);

        var written = XsiWriter.ToBytes(channel, new XsiWriterOptions { NewLineAfterDeclaration = false });

        Assert.Equal(bytes, written);
    }

    [Theory]
    [InlineData("02-channel-add-response-first-chunk.xml")]
    [InlineData("04-subscription-response.xml")]
    [InlineData("05-event-CallSubscriptionEvent-onhook.xml")]
    public void Writing_a_captured_server_document_gives_the_captured_bytes(string file)
    {
        var bytes = Fixtures.Bytes(file);

        var written = XsiWriter.ToBytes(XsiReader.Read(bytes));

        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), System.Text.Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void The_captured_first_chunk_is_the_channel_with_the_granted_expiry()
    {
        var channel = XsiReader.Read<XsiChannel>(Fixtures.Bytes("02-channel-add-response-first-chunk.xml"));

        Assert.Equal("64eddc79-b707-4827-aacd-487fb5cb8427", channel.ChannelId);
        Assert.Equal(86400, channel.Expires);
    }

    [Fact]
    public void The_captured_pretty_printed_subscription_request_reads_its_fields()
    {
        var subscription = XsiReader.Read<XsiSubscription>(Fixtures.Bytes("03-subscription-request.xml"));

        Assert.Equal("Basic Call", subscription.Event);
        Assert.Equal(120, subscription.Expires);
        Assert.Equal("KIWI-040D0D020D06040A0902080E010B0A0C", subscription.ChannelSetId);
        Assert.Equal("KIWI-XSIEvents responsetime checker 1.0.3", subscription.ApplicationId);
    }

    [Fact]
    public void The_captured_initial_event_is_an_idle_call_subscription_event()
    {
        var e = XsiReader.Read<XsiSubscriptionEvent>(Fixtures.Bytes("05-event-CallSubscriptionEvent-onhook.xml"));

        Assert.Equal("957d0482-6cdd-4189-b477-19c6793f113a", e.EventId);
        Assert.Equal(1, e.SequenceNumber);
        Assert.Equal("username@qsc.de", e.UserId);
        Assert.Equal("KIWI-XSIEvents responsetime checker 1.0.3", e.ExternalApplicationId);
        Assert.Equal("98ed3939-c113-419c-8012-092556b85c66", e.SubscriptionId);
        Assert.Equal("64eddc79-b707-4827-aacd-487fb5cb8427", e.ChannelId);
        Assert.Null(e.TargetId);
        var data = Assert.IsType<XsiCallSubscriptionEventData>(e.EventData);
        Assert.False(data.IsResync);
        Assert.Equal("On-Hook", data.HookStatus);
        Assert.Empty(data.Calls);
    }
}

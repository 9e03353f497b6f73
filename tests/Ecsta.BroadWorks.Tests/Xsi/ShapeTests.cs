using Ecsta.BroadWorks.Tests.Support;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Tests.Xsi;

public sealed class ShapeTests
{
    [Fact]
    public void A_call_event_is_written_with_the_xsp_prefixes_and_xsd_order()
    {
        var e = Samples.Event(new XsiCallEventData("CallReceivedEvent", Samples.MinimalCall with { Endpoint = new XsiEndpoint("1011@bw"), AllowAnswer = true }));

        var xml = XsiWriter.ToXml(e);

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xsi:Event xmlns:xsi=\"http://schema.broadsoft.com/xsi\" xmlns:xsi1=\"http://www.w3.org/2001/XMLSchema-instance\" xsi1:type=\"xsi:SubscriptionEvent\">"
            + "<xsi:eventID>2a4dc940-5165-4a39-9f0d-ad9481259337</xsi:eventID><xsi:sequenceNumber>7</xsi:sequenceNumber><xsi:userId>admin@example.com</xsi:userId>"
            + "<xsi:externalApplicationId>Ecsta</xsi:externalApplicationId><xsi:subscriptionId>1984327d-ef19-46c0-9f78-5c4f9c12f8b6</xsi:subscriptionId>"
            + "<xsi:channelId>577b1660-a9b0-4030-b240-0ade37b8d8fb</xsi:channelId><xsi:targetId>user@example.com</xsi:targetId>"
            + "<xsi:eventData xsi1:type=\"xsi:CallReceivedEvent\"><xsi:call><xsi:callId>callhalf-1:0</xsi:callId><xsi:extTrackingId>1:1</xsi:extTrackingId>"
            + "<xsi:personality>Click-to-Dial</xsi:personality><xsi:state>Alerting</xsi:state><xsi:remoteParty><xsi:address>tel:1002</xsi:address><xsi:callType>Unknown</xsi:callType></xsi:remoteParty>"
            + "<xsi:endpoint xsi1:type=\"xsi:AccessEndpoint\"><xsi:addressOfRecord>1011@bw</xsi:addressOfRecord></xsi:endpoint><xsi:allowAnswer/>"
            + "<xsi:startTime>1700000000000</xsi:startTime></xsi:call></xsi:eventData></xsi:Event>",
            xml);
    }

    [Fact]
    public void The_heartbeat_is_written_as_the_clients_match_it()
    {
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ChannelHeartBeat xmlns=\"http://schema.broadsoft.com/xsi\"/>",
            XsiWriter.ToXml(XsiChannelHeartBeat.Instance));
    }

    [Fact]
    public void An_empty_call_list_is_an_empty_root_element()
    {
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Calls xmlns=\"http://schema.broadsoft.com/xsi\"/>",
            XsiWriter.ToXml(new XsiCalls([])));
    }

    [Fact]
    public void A_subscription_terminated_event_has_empty_event_data()
    {
        var xml = XsiWriter.ToXml(Samples.Event(XsiSubscriptionTerminatedEventData.Instance));

        Assert.Contains("<xsi:eventData xsi1:type=\"xsi:SubscriptionTerminatedEvent\"/></xsi:Event>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conference_request_body_lists_the_participants()
    {
        var xml = XsiWriter.ToXml(new XsiConference { ParticipantCallIds = ["A", "B"] });

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Conference xmlns=\"http://schema.broadsoft.com/xsi\"><conferenceParticipantList>"
            + "<conferenceParticipant><callId>A</callId></conferenceParticipant><conferenceParticipant><callId>B</callId></conferenceParticipant>"
            + "</conferenceParticipantList></Conference>",
            xml);
    }

    [Fact]
    public void A_service_event_carries_the_settings_in_info()
    {
        var xml = XsiWriter.ToXml(Samples.Event(new XsiServiceEventData(new Ecsta.BroadWorks.Xsi.Services.XsiCallForwardingAlways { Active = true, ForwardToPhoneNumber = "tel:1020", RingSplash = true })));

        Assert.Contains(
            "<xsi:eventData xsi1:type=\"xsi:CallForwardingAlwaysEvent\"><xsi:info><xsi:active>true</xsi:active><xsi:forwardToPhoneNumber>tel:1020</xsi:forwardToPhoneNumber><xsi:ringSplash>true</xsi:ringSplash></xsi:info></xsi:eventData>",
            xml,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_in_a_default_namespace_document_declares_the_schema_instance_prefix()
    {
        var xml = XsiWriter.ToXml(Samples.MinimalCall with { Endpoint = new XsiEndpoint("1011@bw") });

        Assert.Contains(
            "<endpoint xmlns:xsi1=\"http://www.w3.org/2001/XMLSchema-instance\" xsi1:type=\"AccessEndpoint\"><addressOfRecord>1011@bw</addressOfRecord></endpoint>",
            xml,
            StringComparison.Ordinal);
    }
}

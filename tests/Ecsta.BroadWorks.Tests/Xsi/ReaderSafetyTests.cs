using System.Text;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Tests.Xsi;

public sealed class ReaderSafetyTests
{
    [Fact]
    public void An_ISO_8859_1_error_body_is_decoded_by_its_declaration()
    {
        var bytes = Encoding.Latin1.GetBytes(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><ErrorInfo xmlns=\"http://schema.broadsoft.com/xsi\">"
            + "<summary>Gerät nicht gefunden: Überprüfen Sie die Größe</summary><summaryEnglish>Device not found</summaryEnglish><errorCode>8251</errorCode></ErrorInfo>");

        var error = XsiReader.Read<XsiErrorInfo>(bytes);

        Assert.Equal(new XsiErrorInfo("Gerät nicht gefunden: Überprüfen Sie die Größe", "Device not found", 8251), error);
    }

    [Fact]
    public void The_same_umlauts_as_UTF_8_are_read_the_same()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorInfo xmlns=\"http://schema.broadsoft.com/xsi\"><summary>Gerät</summary></ErrorInfo>");

        Assert.Equal("Gerät", XsiReader.Read<XsiErrorInfo>(bytes).Summary);
    }

    [Fact]
    public void A_document_with_a_DTD_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
            + "<ErrorInfo xmlns=\"http://schema.broadsoft.com/xsi\"><summary>&lol2;</summary></ErrorInfo>";

        var e = Assert.Throws<XsiFormatException>(() => XsiReader.Read(Encoding.UTF8.GetBytes(xml)));
        Assert.Contains("DTD", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_external_entity_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>"
            + "<ErrorInfo xmlns=\"http://schema.broadsoft.com/xsi\"><summary>&ext;</summary></ErrorInfo>";

        Assert.Throws<XsiFormatException>(() => XsiReader.Read(xml));
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_from_bytes_text_and_stream()
    {
        var xml = "<?xml version=\"1.0\"?><ErrorInfo xmlns=\"http://schema.broadsoft.com/xsi\"><summary>" + new string('x', 2000) + "</summary></ErrorInfo>";
        var options = new XsiReaderOptions { MaxDocumentBytes = 1024 };
        var bytes = Encoding.UTF8.GetBytes(xml);

        Assert.Throws<XsiFormatException>(() => XsiReader.Read(bytes, options));
        Assert.Throws<XsiFormatException>(() => XsiReader.Read(xml, options));
        using var stream = new MemoryStream(bytes);
        Assert.Throws<XsiFormatException>(() => XsiReader.Read(stream, options));
    }

    [Fact]
    public void A_document_within_the_size_limit_is_read_from_a_stream()
    {
        using var stream = new MemoryStream(XsiWriter.ToBytes(new XsiHookStatus("On-Hook")));

        Assert.Equal(new XsiHookStatus("On-Hook"), XsiReader.Read(stream, new XsiReaderOptions { MaxDocumentBytes = 1024 }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("<Channel xmlns=\"http://schema.broadsoft.com/xsi\"><channelId>x</channelId>")]
    [InlineData("<Channel xmlns=\"http://schema.broadsoft.com/xsi\"><expires>soon</expires></Channel>")]
    [InlineData("<Channel><channelId>no namespace</channelId></Channel>")]
    [InlineData("<Nonsense xmlns=\"http://schema.broadsoft.com/xsi\"/>")]
    [InlineData("<EventResponse xmlns=\"http://schema.broadsoft.com/xsi\"><statusCode>200</statusCode></EventResponse>")]
    [InlineData("<Channel xmlns=\"http://schema.broadsoft.com/xsi\"/><Channel xmlns=\"http://schema.broadsoft.com/xsi\"/>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"x-no-such-encoding\"?><Channel xmlns=\"http://schema.broadsoft.com/xsi\"/>")]
    public void Malformed_or_foreign_input_throws_XsiFormatException(string xml)
    {
        Assert.Throws<XsiFormatException>(() => XsiReader.Read(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void Bytes_that_do_not_match_the_declared_encoding_throw_XsiFormatException()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><HookStatus xmlns=\"http://schema.broadsoft.com/xsi\"><hookStatus>"), 0xFF, 0xFE, .. Encoding.ASCII.GetBytes("</hookStatus></HookStatus>")];

        Assert.Throws<XsiFormatException>(() => XsiReader.Read(bytes));
    }

    [Fact]
    public void Reading_the_wrong_document_type_names_both()
    {
        var e = Assert.Throws<XsiFormatException>(() => XsiReader.Read<XsiChannel>(XsiWriter.ToBytes(new XsiHookStatus("On-Hook"))));

        Assert.Contains("HookStatus", e.Message, StringComparison.Ordinal);
        Assert.Contains("XsiChannel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_elements_and_foreign_namespaces_are_ignored()
    {
        var xml = "<Channel xmlns=\"http://schema.broadsoft.com/xsi\" xmlns:o=\"urn:other\"><future><deep>1</deep></future><channelId>c</channelId>"
            + "<o:expires>5</o:expires><expires>7</expires><!-- note --><?pi x?></Channel>";

        Assert.Equal(new XsiChannel { ChannelId = "c", Expires = 7 }, XsiReader.Read(xml));
    }

    [Fact]
    public void Events_are_read_whatever_the_namespace_prefixes()
    {
        var xml = "<b:Event xmlns:b=\"http://schema.broadsoft.com/xsi\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:type=\"b:SubscriptionEvent\">"
            + "<b:eventID>e1</b:eventID><b:sequenceNumber>3</b:sequenceNumber><b:userId>u</b:userId><b:subscriptionId>s</b:subscriptionId>"
            + "<b:httpContact><b:uri>http://x/</b:uri></b:httpContact><b:targetId>t</b:targetId>"
            + "<b:eventData i:type=\"b:HookStatusEvent\"><b:hookStatus>Off-Hook</b:hookStatus></b:eventData></b:Event>";

        var e = XsiReader.Read<XsiSubscriptionEvent>(xml);

        Assert.Equal("e1", e.EventId);
        Assert.Equal("http://x/", e.HttpContactUri);
        Assert.Equal("t", e.TargetId);
        Assert.Equal(new XsiHookStatusEventData("Off-Hook"), e.EventData);
    }

    [Fact]
    public void A_default_namespace_event_without_prefixes_is_read()
    {
        var xml = "<Event xmlns=\"http://schema.broadsoft.com/xsi\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"SubscriptionEvent\">"
            + "<eventID>e1</eventID><eventData xsi:type=\"DoNotDisturbEvent\"><info><active>true</active><ringSplash>false</ringSplash></info></eventData></Event>";

        var e = XsiReader.Read<XsiSubscriptionEvent>(xml);

        Assert.Equal(new XsiServiceEventData(new Ecsta.BroadWorks.Xsi.Services.XsiDoNotDisturb { Active = true, RingSplash = false }), e.EventData);
    }

    [Fact]
    public void An_unknown_event_data_type_is_surfaced_with_its_content()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xsi:Event xmlns:xsi=\"http://schema.broadsoft.com/xsi\" xmlns:xsi1=\"http://www.w3.org/2001/XMLSchema-instance\" xsi1:type=\"xsi:SubscriptionEvent\">"
            + "<xsi:eventID>e9</xsi:eventID><xsi:clientId>bwcticlient.webex.com</xsi:clientId>"
            + "<xsi:eventData xsi1:type=\"xsi:CallHistoryEvent\"><xsi:callHistory><xsi:count>3</xsi:count></xsi:callHistory></xsi:eventData></xsi:Event>";

        var e = XsiReader.Read<XsiSubscriptionEvent>(Encoding.UTF8.GetBytes(xml));

        var data = Assert.IsType<XsiUnknownEventData>(e.EventData);
        Assert.Equal("CallHistoryEvent", data.Type);
        Assert.Contains("callHistory", data.InnerXml, StringComparison.Ordinal);
        Assert.Equal("bwcticlient.webex.com", e.ClientId);
    }

    [Fact]
    public void An_unknown_event_data_type_survives_writing_and_reading()
    {
        var xml = "<xsi:Event xmlns:xsi=\"http://schema.broadsoft.com/xsi\" xmlns:xsi1=\"http://www.w3.org/2001/XMLSchema-instance\" xsi1:type=\"xsi:SubscriptionEvent\">"
            + "<xsi:eventID>e9</xsi:eventID><xsi:eventData xsi1:type=\"xsi:CallHistoryEvent\"><xsi:count>3</xsi:count></xsi:eventData></xsi:Event>";
        var first = XsiReader.Read<XsiSubscriptionEvent>(xml);

        var second = XsiReader.Read<XsiSubscriptionEvent>(XsiWriter.ToBytes(first));
        var third = XsiReader.Read<XsiSubscriptionEvent>(XsiWriter.ToBytes(second));

        Assert.Equal("CallHistoryEvent", second.EventData.Type);
        Assert.Equal(second, third);
    }

    [Fact]
    public void The_channel_terminated_event_of_the_specification_is_read()
    {
        var xml = "<xsi:Event xsi1:type=\"xsi:ChannelTerminatedEvent\" xmlns:xsi1=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsi=\"http://schema.broadsoft.com/xsi\">"
            + "<xsi:channelId>726bfd81</xsi:channelId><xsi:reason>MaxChannelsReached</xsi:reason></xsi:Event>";

        Assert.Equal(new XsiChannelTerminatedEvent("726bfd81", "MaxChannelsReached"), XsiReader.Read(xml));
    }

    [Fact]
    public void The_heartbeat_is_read_in_both_spellings()
    {
        Assert.Same(XsiChannelHeartBeat.Instance, XsiReader.Read("<ChannelHeartBeat xmlns=\"http://schema.broadsoft.com/xsi\"/>"));
        Assert.Same(XsiChannelHeartBeat.Instance, XsiReader.Read("<ChannelHeartbeat xmlns=\"http://schema.broadsoft.com/xsi\"></ChannelHeartbeat>"));
    }

    [Fact]
    public void A_profile_with_nil_and_additional_details_reads_the_fields_the_TSP_needs()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Profile xmlns=\"http://schema.broadsoft.com/xsi\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<details><userId>negi001@172.16.25.102</userId><firstName>Subhash</firstName><lastName>Negi</lastName>"
            + "<groupId>gp1</groupId><serviceProvider isEnterprise=\"false\">sp1</serviceProvider><number>5006007004</number><extension>7004</extension></details>"
            + "<additionalDetails><mobile xsi:nil=\"true\"/><emailAddress>a@b</emailAddress></additionalDetails>"
            + "<passwordExpiresDays>21</passwordExpiresDays><fac>/v2.0/user/x/profile/Fac</fac><countryCode>1</countryCode></Profile>";

        var profile = XsiReader.Read<XsiProfile>(Encoding.Latin1.GetBytes(xml));

        Assert.Equal("gp1", profile.Details.GroupId);
        Assert.Equal("sp1", profile.Details.ServiceProvider);
        Assert.False(profile.Details.IsEnterprise);
        Assert.Equal("7004", profile.Details.Extension);
        Assert.Equal("1", profile.CountryCode);
    }
}

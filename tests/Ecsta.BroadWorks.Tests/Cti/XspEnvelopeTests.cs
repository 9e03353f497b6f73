using System.Text;
using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Tests.Support;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Tests.Cti;

public sealed class XspEnvelopeTests
{
    public static TheoryData<int> MessageIndexes() => [.. Enumerable.Range(0, Messages().Count())];

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public void Writing_then_reading_a_message_gives_an_equal_message(int index)
    {
        var message = Messages().ElementAt(index);

        var read = XspReader.Read(XspWriter.ToBytes(message));

        Assert.Equal(message, read);
    }

    [Fact]
    public void The_public_sample_response_is_read()
    {
        var xml = "<xsp:response version=\"17.0\" xmlns:xsp=\"http://schema.broadsoft.com/XspXMLInterface\">"
            + "<requestId>2</requestId><sessionId>2</sessionId><statusCode>200</statusCode><reason>OK</reason>"
            + "<xsp:payload><Subscription xmlns=\"http://schema.broadsoft.com/xsi\"><subscriptionId>3f040b3e-1</subscriptionId><expires>3600</expires></Subscription></xsp:payload>"
            + "</xsp:response>";

        var response = Assert.IsType<XspResponse>(XspReader.Read(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal("2", response.RequestId);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new XsiSubscription { SubscriptionId = "3f040b3e-1", Expires = 3600 }, response.Document);
        Assert.False(response.IsKeepalive);
    }

    [Fact]
    public void A_response_is_written_in_the_shape_of_the_public_sample()
    {
        var response = new XspResponse
        {
            RequestId = "2",
            SessionId = "2",
            StatusCode = 200,
            Reason = "OK",
            Document = new XsiSubscription { SubscriptionId = "3f040b3e-1", Expires = 3600 },
        };

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xsp:response version=\"17.0\" xmlns:xsp=\"http://schema.broadsoft.com/XspXMLInterface\">"
            + "<requestId>2</requestId><sessionId>2</sessionId><statusCode>200</statusCode><reason>OK</reason>"
            + "<xsp:payload><Subscription xmlns=\"http://schema.broadsoft.com/xsi\"><subscriptionId>3f040b3e-1</subscriptionId><expires>3600</expires></Subscription></xsp:payload>"
            + "</xsp:response>",
            XspWriter.ToXml(response));
    }

    [Fact]
    public void A_keepalive_request_and_its_response_are_typed_payloads()
    {
        var request = XspWriter.ToXml(XspRequest.Keepalive("7", "s1"));
        var response = XspWriter.ToXml(new XspResponse { RequestId = "7", SessionId = "s1", StatusCode = 200, Reason = "OK", IsKeepalive = true });

        Assert.Contains("<xsp:payload xmlns:xsi1=\"http://www.w3.org/2001/XMLSchema-instance\" xsi1:type=\"xsp:Keepalive\"/>", request, StringComparison.Ordinal);
        Assert.Contains("<xsp:payload xmlns:xsi1=\"http://www.w3.org/2001/XMLSchema-instance\" xsi1:type=\"xsp:KeepaliveResponse\"/>", response, StringComparison.Ordinal);
        Assert.True(((XspRequest)XspReader.Read(Encoding.UTF8.GetBytes(request))).IsKeepalive);
    }

    [Fact]
    public void A_request_with_elements_in_the_envelope_namespace_and_other_prefixes_is_read()
    {
        var xml = "<r:request xmlns:r=\"http://schema.broadsoft.com/XspXMLInterface\"><r:requestId>9</r:requestId>"
            + "<r:payload><r:uri>/v2.0/user/u/calls/new?address=1002</r:uri><r:method>POST</r:method></r:payload></r:request>";

        var request = Assert.IsType<XspRequest>(XspReader.Read(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(XspRequest.DefaultVersion, request.Version);
        Assert.Equal(new XspCommand("/v2.0/user/u/calls/new?address=1002", "POST"), request.Command);
    }

    [Fact]
    public void An_event_without_an_xsi_event_is_refused()
    {
        var xml = "<xsp:event xmlns:xsp=\"http://schema.broadsoft.com/XspXMLInterface\"><xsp:payload><HookStatus xmlns=\"http://schema.broadsoft.com/xsi\"><hookStatus>On-Hook</hookStatus></HookStatus></xsp:payload></xsp:event>";

        Assert.Throws<XsiFormatException>(() => XspReader.Read(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void An_XSI_document_is_not_an_envelope()
    {
        Assert.Throws<XsiFormatException>(() => XspReader.Read(XsiWriter.ToBytes(new XsiHookStatus("On-Hook"))));
    }

    [Fact]
    public void Credentials_are_base64_of_user_and_password_and_decode_back()
    {
        var encoded = XspCredentials.Encode("alice@example.com", "pä:ss");

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("alice@example.com:pä:ss")), encoded);
        Assert.True(XspCredentials.TryDecode(encoded, out var user, out var password));
        Assert.Equal("alice@example.com", user);
        Assert.Equal("pä:ss", password);
        Assert.False(XspCredentials.TryDecode("not base64!", out _, out _));
        Assert.False(XspCredentials.TryDecode(Convert.ToBase64String("nocolon"u8), out _, out _));
    }

    [Fact]
    public void A_request_never_shows_its_credentials_in_text()
    {
        var request = new XspRequest { RequestId = "1", Credentials = XspCredentials.Encode("u", "secret"), Authorization = "token-xyz" };

        var text = request.ToString();

        Assert.DoesNotContain(request.Credentials!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("token-xyz", text, StringComparison.Ordinal);
        Assert.Contains("keepalive", text, StringComparison.Ordinal);
    }

    internal static IEnumerable<XspMessage> Messages()
    {
        yield return new XspRequest
        {
            RequestId = "1",
            SessionId = "session-1",
            Credentials = XspCredentials.Encode("user@example.com", "pw"),
            Command = new XspCommand("/com.broadsoft.xsi-events/v2.0/user/user@example.com", "POST", "21.0")
            {
                Document = new XsiSubscription { Event = "Advanced Call", Expires = 3600, ChannelSetId = "set", ApplicationId = "Ecsta" },
            },
        };
        yield return new XspRequest
        {
            RequestId = "2",
            Authorization = "Bearer abc",
            Command = new XspCommand("/com.broadsoft.xsi-actions/v2.0/user/u/calls/new", "POST", "21.0") { Params = [new XspParam("address", "1002"), new XspParam("info", "a<b")] },
        };
        yield return new XspRequest { RequestId = "3", Command = new XspCommand("/com.broadsoft.xsi-actions/v2.0/user/u/calls/c1", "DELETE") };
        yield return XspRequest.Keepalive("4", "session-1") with { Version = "21.0" };
        yield return new XspResponse { RequestId = "1", SessionId = "session-1", StatusCode = 200, Reason = "OK", Document = new XsiSubscription { SubscriptionId = "s", Expires = 3600 } };
        yield return new XspResponse { RequestId = "2", StatusCode = 200, Reason = "OK", Document = new XsiCallStartInfo("callhalf-1:0", "1:1") };
        yield return new XspResponse { RequestId = "3", StatusCode = 403, Reason = "Forbidden", Document = new XsiErrorInfo("Nein", "No", 4008) };
        yield return new XspResponse { RequestId = "4", StatusCode = 200, Reason = "OK", IsKeepalive = true };
        yield return new XspResponse { RequestId = "5", StatusCode = 200 };
        yield return new XspEvent(Samples.Event(new XsiCallEventData("CallReceivedEvent", Samples.FullCall)));
        yield return new XspEvent(Samples.Event(XsiSubscriptionTerminatedEventData.Instance), "17");
        yield return new XspEvent(new XsiChannelTerminatedEvent("c", "Expired"));
        yield return new XspEventResponse(new XsiEventResponse("2a4dc940"));
        yield return new XspEventResponse(new XsiEventResponse("2a4dc940", 500, "Failed"), "17");
    }
}

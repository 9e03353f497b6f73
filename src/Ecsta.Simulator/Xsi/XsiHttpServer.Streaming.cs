using System.Text;
using Ecsta.BroadWorks.Xsi;
using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;

namespace Ecsta.Simulator.Xsi;

internal sealed partial class XsiHttpServer
{
    /// <summary>
    /// The streaming channel: 200 with the captured headers, first chunk the Channel document,
    /// then one document per chunk until the channel ends.
    /// </summary>
    private async Task StreamChannelAsync(HttpContext context, SimPrincipal principal, byte[] body)
    {
        var ct = context.RequestAborted;
        XsiChannel request;
        try
        {
            request = XsiReader.Read<XsiChannel>(body);
        }
        catch (XsiFormatException ex)
        {
            await WriteAsync(context, SimResponse.Error(400, "Invalid Channel document: " + ex.Message), ct).ConfigureAwait(false);
            return;
        }

        var transport = new HttpChannelTransport(context.Abort);
        Events.EventChannel channel;
        try
        {
            channel = _hub.AddChannel(principal, request, transport);
        }
        catch (CallEngineException ex)
        {
            await WriteAsync(context, SimResponse.Error(ex.StatusCode, ex.Message), ct).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        var headers = response.Headers;
        headers["X-Frame-Options"] = "SAMEORIGIN";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-XSS-Protection"] = "1; mode=block";
        headers.SetCookie = "JSESSIONID=" + Convert.ToHexString(Guid.NewGuid().ToByteArray()) + "; Path=/com.broadsoft.xsi-events" + (context.Request.IsHttps ? "; Secure" : string.Empty) + "; HttpOnly";
        headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        headers.ContentType = "text/xml;charset=UTF-8";
        headers["Server"] = "HTTP Server";
        response.StatusCode = 200;
        try
        {
            await WriteChunkAsync(response, XsiWriter.ToBytes(new XsiChannel { ChannelId = channel.ChannelId, Expires = channel.Expires }), ct).ConfigureAwait(false);
            await foreach (var message in transport.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                var bytes = message.Document is not null ? XsiWriter.ToBytes(message.Document) : Encoding.UTF8.GetBytes(message.Raw ?? string.Empty);
                await WriteChunkAsync(response, bytes, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        catch (IOException ex)
        {
            _log.Debug(ex, "Channel {ChannelId} stream broke", channel.ChannelId);
        }
        finally
        {
            _hub.ChannelLost(channel.ChannelId);
        }

        if (transport.Aborted)
        {
            context.Abort();
        }
    }

    private static async Task WriteChunkAsync(HttpResponse response, byte[] bytes, CancellationToken ct)
    {
        await response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }
}

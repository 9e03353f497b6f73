using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Xsi;

/// <summary>How the commands of <see cref="PlatformLinkBase"/> travel: Xsi-Actions over HTTP(S) to the session's XSP.</summary>
public sealed partial class XsiPlatformLink
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        if (!IsServer)
        {
            return [await ReadUserLineAsync(Options.UserId, cancellationToken).ConfigureAwait(false)];
        }

        return await XsiQueries.ReadDirectoryAsync(_settings.DirectoryUserId ?? Options.UserId, _settings.DirectoryPageSize, (path, ct) => SendForDocumentAsync("GET", path, ct), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<XsiDocument?> SendForDocumentAsync(string method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false)
    {
        var response = await SendAsync(HttpMethod.Parse(method), pathAndQuery, cancellationToken, body, concernsAddress).ConfigureAwait(false);
        return response.Body.Length == 0 ? null : XsiReader.Read(response.Body);
    }

    /// <summary>A command whose answer is not read (its body is never parsed).</summary>
    protected override Task SendCommandAsync(string method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false) =>
        SendAsync(HttpMethod.Parse(method), pathAndQuery, cancellationToken, body, concernsAddress);

    /// <summary>Sends an Xsi-Actions request to the session's XSP; a connection failure there starts a reconnect.</summary>
    private async Task<XsiResponse> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false)
    {
        var session = ActiveLinkSession();
        try
        {
            return await _requester.SendAsync(new XsiRequest(method, session.Primary, pathAndQuery, body, concernsAddress), cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            session.MarkLost(ex.Message, ex);
            throw;
        }
    }
}

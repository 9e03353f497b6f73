namespace Ecsta.BroadWorks.Cti;

/// <summary>
/// An XspXMLInterface <c>request</c>: a tunnelled Xsi command, or a keepalive (<see cref="Command"/> null).
/// Credentials never appear in <see cref="ToString"/>.
/// </summary>
public sealed record XspRequest() : XspMessage(DefaultVersion)
{
    /// <summary>The default <c>version</c> attribute of a request.</summary>
    public const string DefaultVersion = "18.0";

    /// <summary>The id the response echoes.</summary>
    public required string RequestId { get; init; }

    /// <summary>The session id (chosen by the client, echoed by the server).</summary>
    public string? SessionId { get; init; }

    /// <summary>base64(<c>userId:password</c>), see <see cref="XspCredentials"/>.</summary>
    public string? Credentials { get; init; }

    /// <summary>An authorization string instead of credentials (e.g. a token).</summary>
    public string? Authorization { get; init; }

    /// <summary>The command, or null for a keepalive.</summary>
    public XspCommand? Command { get; init; }

    /// <summary>Whether this is a keepalive request.</summary>
    public bool IsKeepalive => Command is null;

    /// <summary>A keepalive request.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The request.</returns>
    public static XspRequest Keepalive(string requestId, string? sessionId = null) => new() { RequestId = requestId, SessionId = sessionId };

    /// <inheritdoc/>
    public override string ToString() =>
        $"XspRequest {{ RequestId = {RequestId}, SessionId = {SessionId}, Credentials = {(Credentials is null ? "none" : "***")}, "
        + $"Authorization = {(Authorization is null ? "none" : "***")}, Command = {(Command is null ? "keepalive" : Command.Method + " " + Command.Uri)} }}";
}

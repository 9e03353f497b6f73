namespace Ecsta.Abstractions.Platform;

/// <summary>The state of a link to the platform.</summary>
public enum LinkState
{
    /// <summary>Not connected and not trying.</summary>
    Disconnected = 0,
    /// <summary>Connecting or authenticating.</summary>
    Connecting,
    /// <summary>Connected, events flowing.</summary>
    Connected,
    /// <summary>Lost; reconnecting with backoff.</summary>
    Reconnecting,
    /// <summary>Failed for a reason that retrying does not cure (e.g. the password is no longer valid).</summary>
    Failed,
}

namespace Ecsta.Tsp.Runtime;

/// <summary>
/// A link for a one-off operation (reading the lines, a connection test) could not be made or did not work; the
/// message is one line the administrator can act on and never holds a password.
/// </summary>
public sealed class InstanceLinkException : Exception
{
    /// <summary>A failure with its one-line reason; <paramref name="fromPlatform"/> when BroadWorks (or the way to it) failed.</summary>
    public InstanceLinkException(string message, bool fromPlatform) : base(message) => FromPlatform = fromPlatform;

    /// <summary>A failure of the instance's setup with its one-line reason.</summary>
    public InstanceLinkException(string message) : this(message, fromPlatform: false) { }

    /// <summary>A failure without a reason.</summary>
    public InstanceLinkException() : this("the link could not be used") { }

    /// <summary>A failure with its reason and cause.</summary>
    public InstanceLinkException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>
    /// True when BroadWorks refused or could not be reached (the dialog answers 502); false when the instance itself
    /// cannot be used (no plugin for its connection type, options its transport refuses: the dialog answers 400).
    /// </summary>
    public bool FromPlatform { get; }
}

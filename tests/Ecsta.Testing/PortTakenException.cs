namespace Ecsta.Testing;

/// <summary>A helper process could not listen on the port chosen for it (another process took it first).</summary>
public sealed class PortTakenException : Exception
{
    public PortTakenException(string message) : base(message) { }

    public PortTakenException() { }

    public PortTakenException(string message, Exception innerException) : base(message, innerException) { }
}

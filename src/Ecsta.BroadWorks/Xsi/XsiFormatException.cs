namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// A wire document was malformed, too large, of an unexpected kind, or refused for safety (e.g. it had a DTD).
/// </summary>
public sealed class XsiFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public XsiFormatException()
        : base("The document is not a valid BroadWorks document.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public XsiFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser's exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public XsiFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Ecsta.Abstractions.Transports;

/// <summary>Why a platform request failed, in the terms the core maps to LINEERR_* values.</summary>
public enum PlatformErrorKind
{
    /// <summary>Any other failure (5xx, unexpected answer): LINEERR_OPERATIONFAILED.</summary>
    Failed = 0,
    /// <summary>400 naming an address: LINEERR_INVALADDRESS.</summary>
    InvalidAddress,
    /// <summary>403: not allowed or service not assigned: LINEERR_OPERATIONUNAVAIL.</summary>
    Forbidden,
    /// <summary>401: the credentials are no longer valid.</summary>
    Unauthorized,
    /// <summary>404: the call or resource does not exist.</summary>
    NotFound,
    /// <summary>No answer in time: LINEERR_OPERATIONFAILED.</summary>
    Timeout,
    /// <summary>The link is down: LINEERR_RESOURCEUNAVAIL.</summary>
    LinkDown,
    /// <summary>The configuration cannot work (e.g. a proxy with CTI).</summary>
    Configuration,
}

/// <summary>A platform request failed. <see cref="Exception.Message"/> is the platform's text (ErrorInfo <c>summaryEnglish</c>) where it gave one.</summary>
public sealed class PlatformException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlatformException(PlatformErrorKind kind, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>Creates an exception of kind <see cref="PlatformErrorKind.Failed"/>.</summary>
    public PlatformException() : this(PlatformErrorKind.Failed, "The platform request failed.") { }

    /// <summary>Creates an exception of kind <see cref="PlatformErrorKind.Failed"/>.</summary>
    public PlatformException(string message) : this(PlatformErrorKind.Failed, message) { }

    /// <summary>Creates an exception of kind <see cref="PlatformErrorKind.Failed"/>.</summary>
    public PlatformException(string message, Exception innerException) : this(PlatformErrorKind.Failed, message, null, innerException) { }

    /// <summary>The kind of failure.</summary>
    public PlatformErrorKind Kind { get; }

    /// <summary>The HTTP (or CTI response) status code, if there was one.</summary>
    public int? StatusCode { get; }
}

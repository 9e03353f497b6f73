namespace Ecsta.Simulator.CallEngine;

/// <summary>A refused engine operation; the servers answer it with an ErrorInfo.</summary>
public sealed class CallEngineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CallEngineException(int statusCode, string summary, int errorCode = 0)
        : base(summary)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>Creates an empty exception (400).</summary>
    public CallEngineException()
        : this(400, "Bad request")
    {
    }

    /// <summary>Creates the exception with a message (400).</summary>
    public CallEngineException(string message)
        : this(400, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception (400).</summary>
    public CallEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    /// <summary>HTTP status to answer.</summary>
    public int StatusCode { get; }

    /// <summary>BroadWorks error code (0 = none).</summary>
    public int ErrorCode { get; }
}

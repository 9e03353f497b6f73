using System.Net;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Link.Http;

/// <summary>Turns an XSI error answer into a <see cref="PlatformException"/> (ErrorInfo <c>summaryEnglish</c> as the message).</summary>
public static class XsiErrors
{
    public const string PasswordNoLongerValid = "password no longer valid";

    public static PlatformException FromResponse(int status, byte[] body, bool concernsAddress)
    {
        var text = ErrorText(body) ?? $"HTTP {status} {ReasonPhrase(status)}".TrimEnd();
        var kind = status switch
        {
            401 => PlatformErrorKind.Unauthorized,
            400 when concernsAddress => PlatformErrorKind.InvalidAddress,
            403 => PlatformErrorKind.Forbidden,
            404 => PlatformErrorKind.NotFound,
            408 or 504 => PlatformErrorKind.Timeout,
            _ => PlatformErrorKind.Failed,
        };
        return new PlatformException(kind, status == 401 ? PasswordNoLongerValid : text, status);
    }

    /// <summary>The ErrorInfo's <c>summaryEnglish</c> (else <c>summary</c>), or null when the body is no ErrorInfo.</summary>
    public static string? ErrorText(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return XsiReader.Read(body) is XsiErrorInfo info
                ? NullIfEmpty(info.SummaryEnglish) ?? NullIfEmpty(info.Summary)
                : null;
        }
        catch (XsiFormatException)
        {
            return null;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string ReasonPhrase(int status) => Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : string.Empty;
}

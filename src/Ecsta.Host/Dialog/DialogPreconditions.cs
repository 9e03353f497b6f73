namespace Ecsta.Host.Dialog;

/// <summary>
/// The dialog's rule against lost updates: a change of something it read (an instance, the DNS name servers) must say
/// which version it was made against (<c>If-Match</c>, the ETag of the read). Without it the change is refused with
/// 428 Precondition Required; <c>If-Match: *</c> is the explicit "overwrite whatever is there now".
/// </summary>
internal static class DialogPreconditions
{
    /// <summary>The request's <c>If-Match</c>, or a 428 answer naming <paramref name="what"/> when it has none.</summary>
    public static (string? IfMatch, IResult? Failure) Require(HttpContext context, string what)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim();
        return ifMatch.Length > 0
            ? (ifMatch, null)
            : (null, DialogJson.Error(
                StatusCodes.Status428PreconditionRequired,
                $"a change of {what} must send back the version it was read at (If-Match with the ETag of the read); nothing was saved: reload and make your change again"));
    }

    /// <summary>The version an <c>If-Match</c> names (quotes and a weak prefix removed); null for <c>*</c> (any version).</summary>
    public static string? Expected(string ifMatch)
    {
        var expected = ifMatch.Trim();
        if (expected == "*")
        {
            return null;
        }

        expected = expected.StartsWith("W/", StringComparison.Ordinal) ? expected[2..] : expected;
        return expected.Trim('"');
    }

    /// <summary>Sets the answer's ETag to <paramref name="version"/> (none when it has no version).</summary>
    public static void Tag(HttpContext context, string? version)
    {
        if (version is not null)
        {
            context.Response.Headers.ETag = $"\"{version}\"";
        }
    }
}

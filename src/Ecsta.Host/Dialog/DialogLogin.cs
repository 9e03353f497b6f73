using Ecsta.Host.Api;
using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary>
/// Logging in to the dialog with the administrator token (<c>admin-token</c>; the applications' API token is a different
/// principal and is refused): a matching token starts a session whose value goes into an HttpOnly,
/// SameSite=Strict cookie limited to <c>/dialog</c>; a wrong token is refused and logged without the token.
/// </summary>
internal sealed class DialogLogin(ApiAccess admin, DialogSessions sessions, ILogger log)
{
    /// <summary>The login body.</summary>
    public sealed class LoginRequest
    {
        public string Token { get; set; } = "";
    }

    public async Task<IResult> LoginAsync(HttpContext context)
    {
        var (body, failure) = await DialogJson.ReadAsync<LoginRequest>(context.Request, DialogJson.MaxSmallBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var peer = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        if (!admin.Matches(body!.Token.Trim()))
        {
            log.Warning("Dialog: refused a login from {Peer}: {Reason}", peer, body.Token.Length == 0 ? "no token presented" : "wrong token");
            return DialogJson.Error(StatusCodes.Status401Unauthorized, "this is not the admin token (the host prints it at start and keeps it in the admin-token file; the applications' API token does not log in here)");
        }

        context.Response.Cookies.Append(DialogSessions.CookieName, sessions.Start(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/dialog",
            IsEssential = true,
        });
        log.Information("Dialog: an administrator logged in from {Peer}", peer);
        return Results.NoContent();
    }

    public IResult Logout(HttpContext context)
    {
        sessions.End(context.Request.Cookies[DialogSessions.CookieName]);
        context.Response.Cookies.Delete(DialogSessions.CookieName, new CookieOptions { Path = "/dialog" });
        return Results.NoContent();
    }
}

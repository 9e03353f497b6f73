using Ecsta.Tsp.Configuration;
using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary>
/// The configuration dialog on the host's listener (docs/dialog.md): the page at <c>/dialog/</c> and its JSON API at
/// <c>/dialog/api/</c>. The page is static; every API call but the login needs the session cookie (401 otherwise)
/// and every call that changes something also the header <see cref="CsrfHeader"/> (403 otherwise).
/// </summary>
internal static class DialogEndpoints
{
    /// <summary>Where the page lives.</summary>
    public const string PagePath = "/dialog/";

    /// <summary>The header every state-changing call sends; a cross-site form cannot set it.</summary>
    public const string CsrfHeader = "X-Ecsta-Dialog";

    /// <summary>The content security policy of every dialog answer: nothing from outside, no inline code.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>Maps the page and its API onto the host's listener.</summary>
    public static void MapDialog(this WebApplication app, DialogHostServices services)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(services);
        var assets = DialogAssets.Load();
        var configuration = new DialogConfiguration(services.Store, services.Catalog);
        var sessions = new DialogSessions(services.Time);
        var log = services.Log.ForContext("SourceContext", "Dialog");

        var page = app.MapGroup("/dialog").AddEndpointFilter(SecurityHeaders);

        // Routing matches /dialog and /dialog/ alike; the page's relative addresses need the slash.
        page.MapGet("/", (HttpContext context) => context.Request.Path.Value == PagePath ? assets.Serve("index.html") : Results.Redirect(PagePath));
        page.MapGet("/{file}", (string file) => file == "index.html" ? Results.Redirect(PagePath) : assets.Serve(file));

        var api = page.MapGroup("/api").AddEndpointFilter(NoStore).AddEndpointFilter(RequireCsrfHeader).AddEndpointFilter(new RequireSession(sessions, log).InvokeAsync);
        var login = new DialogLogin(services.Admin, sessions, log);
        api.MapPost("/login", (Func<HttpContext, Task<IResult>>)login.LoginAsync).WithMetadata(OpenEndpoint.Instance);
        api.MapPost("/logout", login.Logout);
        api.MapGet("/session", () => DialogJson.Json(new
        {
            demo = services.Demo,
            configurationPath = configuration.Path,
            configurationVersion = configuration.FileVersion,
            version = typeof(DialogEndpoints).Assembly.GetName().Version?.ToString(),
        }));

        var instances = new DialogInstanceEndpoints(configuration, log);
        api.MapGet("/instances", instances.List);
        api.MapGet("/instances/{name}", instances.Get);
        api.MapPost("/instances", (Func<HttpContext, Task<IResult>>)instances.CreateAsync);
        api.MapPut("/instances/{name}", instances.UpdateAsync);
        api.MapDelete("/instances/{name}", instances.Delete);

        var broadWorks = new DialogBroadWorks(configuration, services.Catalog, services.Time, log);
        api.MapPost("/instances/{name}/lines/read", broadWorks.ReadLinesAsync);
        api.MapPost("/instances/{name}/connection-test", broadWorks.TestConnectionAsync);

        api.MapGet("/profiles", () => DialogJson.Json(services.Catalog.Profiles.Select(p => new
        {
            name = p.Profile.Name,
            host = p.Profile.Host,
            port = p.Profile.Port,
            connectionType = p.Profile.ConnectionType,
            urlPrefix = p.Profile.UrlPrefix,
            notes = p.Profile.Notes,
            plugin = p.Plugin,
        })));

        var dns = new DialogDns(configuration, log);
        api.MapGet("/dns", dns.Get);
        api.MapPut("/dns", (Func<HttpContext, Task<IResult>>)dns.SaveAsync);

        var license = new DialogLicense(services.Licenses, log);
        api.MapGet("/license", license.Status);
        api.MapPost("/license/codes", (Func<HttpContext, Task<IResult>>)license.AddCodeAsync);
    }

    private static async ValueTask<object?> SecurityHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return await next(context).ConfigureAwait(false);
    }

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context).ConfigureAwait(false);
    }

    private static async ValueTask<object?> RequireCsrfHeader(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && request.Headers[CsrfHeader] != "1")
        {
            return DialogJson.Error(StatusCodes.Status403Forbidden, $"changes need the header {CsrfHeader}: 1 (sent by the dialog's page)");
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Marks the one API call that needs no session (the login).</summary>
    private sealed class OpenEndpoint
    {
        public static OpenEndpoint Instance { get; } = new();
    }

    /// <summary>Refuses API calls without a live session; answers an unusable configuration file with its reason.</summary>
    private sealed class RequireSession(DialogSessions sessions, ILogger log)
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (http.GetEndpoint()?.Metadata.GetMetadata<OpenEndpoint>() is null
                && !sessions.Touch(http.Request.Cookies[DialogSessions.CookieName]))
            {
                return DialogJson.Error(StatusCodes.Status401Unauthorized, "log in with the admin token");
            }

            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (ConfigurationException ex)
            {
                log.Warning("Dialog: the configuration cannot be used: {Reason}", ex.Message);
                return DialogJson.Error(StatusCodes.Status409Conflict, ex.Message);
            }
            catch (IOException ex)
            {
                log.Error(ex, "Dialog: the configuration file could not be written");
                return DialogJson.Error(StatusCodes.Status500InternalServerError, $"the configuration file could not be written: {ex.Message}");
            }
        }
    }
}

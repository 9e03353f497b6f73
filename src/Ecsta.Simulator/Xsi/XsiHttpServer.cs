using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;
using Ecsta.Simulator.Faults;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Serilog;

namespace Ecsta.Simulator.Xsi;

/// <summary>The XSI server: Kestrel with an HTTP and an HTTPS listener, Xsi-Actions, Xsi-Events and the admin endpoint.</summary>
internal sealed partial class XsiHttpServer : IAsyncDisposable
{
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly SimulatorOptions _options;
    private readonly SimCallEngine _engine;
    private readonly EventHub _hub;
    private readonly XsiDispatcher _dispatcher;
    private readonly SimAuthenticator _authenticator;
    private readonly SimulatorFaults _faults;
    private readonly ConnectionRegistry _connections;
    private readonly AdminEndpoint _admin;
    private readonly ILogger _log;
    private WebApplication? _app;

    public XsiHttpServer(SimulatorOptions options, SimCallEngine engine, EventHub hub, XsiDispatcher dispatcher, SimAuthenticator authenticator, SimulatorFaults faults, ConnectionRegistry connections, AdminEndpoint admin, ILogger logger)
    {
        _options = options;
        _engine = engine;
        _hub = hub;
        _dispatcher = dispatcher;
        _authenticator = authenticator;
        _faults = faults;
        _connections = connections;
        _admin = admin;
        _log = logger;
    }

    public int? HttpPort { get; private set; }

    public int? HttpsPort { get; private set; }

    /// <summary>The last XSI requests received over HTTP(S) (admin requests excluded).</summary>
    public HttpRequestLog Requests { get; } = new();

    public async Task StartAsync(Tls.SimulatorCertificates certificates, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            if (_options.XsiPort is { } httpPort)
            {
                kestrel.Listen(_options.ListenAddress, httpPort, listen => Track(listen));
            }

            if (_options.XsiHttpsPort is { } httpsPort)
            {
                kestrel.Listen(_options.ListenAddress, httpsPort, listen =>
                {
                    Track(listen);
                    listen.UseHttps(certificates.ServerCertificate);
                });
            }
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        foreach (var address in addresses)
        {
            var uri = new Uri(address);
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                HttpsPort = uri.Port;
            }
            else
            {
                HttpPort = uri.Port;
            }
        }
    }

    private void Track(ListenOptions listen) => listen.Use(next => async connection =>
    {
        using var registration = _connections.Register(connection.Abort);
        await next(connection).ConfigureAwait(false);
    });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            _connections.AbortAll();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Streaming channels that do not end in time are cut.
            }

            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var response = context.Response;
        response.Headers["TrackingID"] = "NA_" + Guid.NewGuid();
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(AdminEndpoint.PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await _admin.HandleAsync(context).ConfigureAwait(false);
            return;
        }

        var prefix = _options.UrlPrefix.TrimEnd('/');
        if (prefix.Length > 0)
        {
            if (!path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                await WriteAsync(context, SimResponse.Error(404, "Not found"), ct).ConfigureAwait(false);
                return;
            }

            path = path[prefix.Length..];
        }

        Requests.Add(context.Request.Method.ToUpperInvariant(), context.Request.Scheme, path);

        if (_faults.ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(_faults.ResponseDelay, _options.TimeProvider, ct).ConfigureAwait(false);
        }

        if (_faults.TryTakeFailure(out var failure))
        {
            await WriteAsync(context, SimResponse.Error(failure, "Injected failure"), ct).ConfigureAwait(false);
            return;
        }

        var principal = Authenticate(context.Request);
        if (principal is null)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"BroadWorks\"";
            await WriteAsync(context, SimResponse.Error(401, "Authentication failed"), ct).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context.Request, ct).ConfigureAwait(false);
        var method = context.Request.Method.ToUpperInvariant();
        if (method == "POST" && IsStreamingChannelAdd(path))
        {
            await StreamChannelAsync(context, principal, body).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var request = new SimRequest(method, path, query, body, principal);
        var barrier = _options.EventOrder == EventOrder.ResponseFirst ? _engine.HoldEvents() : null;
        try
        {
            var result = _dispatcher.Dispatch(request);
            await WriteAsync(context, result, ct).ConfigureAwait(false);
            await response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            barrier?.Dispose();
        }
    }

    private SimPrincipal? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? _authenticator.AuthenticateBasic(header["Basic ".Length..])
            : null;
    }

    private static bool IsStreamingChannelAdd(string path)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return s.Length == 4
            && string.Equals(s[0], XsiDispatcher.AsyncContext, StringComparison.OrdinalIgnoreCase)
            && string.Equals(s[1], XsiDispatcher.EventsContext, StringComparison.OrdinalIgnoreCase)
            && string.Equals(s[2], "v2.0", StringComparison.OrdinalIgnoreCase)
            && string.Equals(s[3], "channel", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException("Request body too large", StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, SimResponse result, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = result.StatusCode;
        if (result.Location is not null)
        {
            response.Headers.Location = result.Location;
        }

        if (result.BodyBytes is { } bytes)
        {
            response.ContentType = "application/xml;charset=UTF-8";
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
        }
        else
        {
            response.ContentLength = 0;
        }
    }
}

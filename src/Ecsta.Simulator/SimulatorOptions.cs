using System.Net;
using System.Security.Cryptography.X509Certificates;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;

namespace Ecsta.Simulator;

/// <summary>Order of a request's response and the events it causes.</summary>
public enum EventOrder
{
    /// <summary>The response is written first, then the events (default: a request completes on its confirming event either way, docs/tsp-core.md "Requests and completions"; docs/simulator.md).</summary>
    ResponseFirst,

    /// <summary>Events are sent as soon as they happen, possibly before the response.</summary>
    EventsFirst,
}

/// <summary>
/// Options of <see cref="XspSimulator"/>. The first five map 1:1 to
/// <c>ecsta sim --users N --xsi-port P --https-port P --cti-port P --ctis-port P</c>.
/// Ports: 0 = a free port, null = listener off.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary><c>--users</c>: number of users in the group.</summary>
    public int Users { get; init; } = 5;

    /// <summary><c>--xsi-port</c>: XSI over HTTP.</summary>
    public int? XsiPort { get; init; } = 0;

    /// <summary><c>--https-port</c>: XSI over HTTPS.</summary>
    public int? XsiHttpsPort { get; init; } = 0;

    /// <summary><c>--cti-port</c>: CTI over TCP.</summary>
    public int? CtiPort { get; init; } = 0;

    /// <summary><c>--ctis-port</c>: CTI over TLS.</summary>
    public int? CtisPort { get; init; } = 0;

    /// <summary>Address to listen on (default 127.0.0.1).</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>URL prefix before the context paths, e.g. <c>/nl.cai</c> (empty = none).</summary>
    public string UrlPrefix { get; init; } = string.Empty;

    /// <summary>Call engine options (timings, numbering).</summary>
    public CallEngineOptions Engine { get; init; } = new();

    /// <summary>Xsi-Events options (timeouts, acknowledgement, expiry).</summary>
    public EventOptions Events { get; init; } = new();

    /// <summary>Response/event order.</summary>
    public EventOrder EventOrder { get; init; } = EventOrder.ResponseFirst;

    /// <summary>Server certificate (with private key) to use instead of a generated one; needs <see cref="CaCertificate"/>.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>CA that issued <see cref="ServerCertificate"/>.</summary>
    public X509Certificate2? CaCertificate { get; init; }

    /// <summary>Token for the admin endpoint <c>/sim/admin/...</c> (header <c>X-Sim-Admin-Token</c>); null = a random one.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Interval of CTI keepalives the server sends on an idle connection (null = none).</summary>
    public TimeSpan? CtiKeepaliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Framing of the CTI socket (default: consecutive XML documents); swappable because the real framing is not public.</summary>
    public Ecsta.BroadWorks.Framing.IXmlDocumentFramerFactory? CtiFramerFactory { get; init; }

    /// <summary>Time source for every timer.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logger (default: none).</summary>
    public Serilog.ILogger? Logger { get; init; }
}

using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

/// <summary>A simulator (XSI listeners only) plus one XSI link against it: the contract suites' harness for XSI.</summary>
public sealed class Harness : TransportHarness, IHarnessStarter
{
    /// <summary>
    /// Liveness checks within a second, for the fault tests that lose heartbeats on purpose. Other tests keep a calm
    /// period: on a loaded 2-core machine a sub-second deadline is missed now and then, and the reconnect that follows
    /// is not what they test.
    /// </summary>
    private static readonly Dictionary<string, string> FastLiveness = new() { ["heartbeatIntervalMs"] = "300" };

    /// <summary>The liveness period of every other test.</summary>
    private static readonly Dictionary<string, string> CalmLiveness = new() { ["heartbeatIntervalMs"] = "5000" };

    private Harness(XspSimulator sim, XsiPlatformLink link, PlatformLinkOptions options, string? caPath, FixedServiceLocator locator)
        : base(sim, options, caPath, locator) => Link = link;

    public override XsiPlatformLink Link { get; }

    public override string SrvService => "ecsta";

    public override int ServicePort => HttpPort;

    public override ServiceTarget? CurrentPrimary => Link.CurrentSession()?.Primary;

    public override string MaskedCredentials => "Authorization: Basic ********";

    public override IReadOnlyList<string> LivenessLossWords { get; } = ["ChannelHeartBeat"];

    public override IReadOnlyList<string> ConnectionTestExtraSteps { get; } = [];

    public override string TargetAnswered => "answered";

    static async Task<TransportHarness> IHarnessStarter.StartAsync(HarnessOptions options) => await StartAsync(options);

    /// <summary>Starts the simulator and creates the link; <paramref name="urlPrefix"/> and <paramref name="proxy"/> are XSI's own.</summary>
    public static async Task<Harness> StartAsync(HarnessOptions options, string urlPrefix = "", ProxySettings? proxy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sim = await XspSimulator.StartAsync(DefaultSimulatorOptions(options) with
        {
            CtiPort = null,
            CtisPort = null,
            UrlPrefix = urlPrefix.Length > 0 ? "/" + urlPrefix : string.Empty,
        });
        var port = options.Secure ? sim.XsiHttpsPort!.Value : sim.XsiPort!.Value;
        var caPath = await WriteCaFileAsync(sim, options);
        var type = options.Secure ? ConnectionTypes.Https : ConnectionTypes.Http;
        var linkOptions = LinkOptions(sim, options, port, type, caPath, options.FastLiveness ? FastLiveness : CalmLiveness) with { UrlPrefix = urlPrefix, Proxy = proxy };
        var (link, locator) = CreateLink(new XsiTransportFactory(), linkOptions, options);
        return new Harness(sim, (XsiPlatformLink)link, linkOptions, caPath, locator);
    }
}

using System.Globalization;
using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>A simulator (XSI and CTI listeners) plus one CTI link against it: the contract suites' harness for CTI.</summary>
public sealed class Harness : TransportHarness, IHarnessStarter
{
    /// <summary>
    /// Liveness checks within a second, for the fault tests that lose keepalives on purpose. Other tests keep a calm
    /// period: on a loaded 2-core machine a sub-second deadline is missed now and then, and the reconnect that follows
    /// is not what they test.
    /// </summary>
    private static readonly Dictionary<string, string> FastLiveness = new() { ["ctiKeepaliveSeconds"] = "0.3", ["ctiKeepaliveMisses"] = "3" };

    /// <summary>The liveness period of every other test.</summary>
    private static readonly Dictionary<string, string> CalmLiveness = new() { ["ctiKeepaliveSeconds"] = "5", ["ctiKeepaliveMisses"] = "3" };

    private Harness(XspSimulator sim, CtiPlatformLink link, PlatformLinkOptions options, string? caPath, FixedServiceLocator locator)
        : base(sim, options, caPath, locator) => Link = link;

    public override CtiPlatformLink Link { get; }

    public override string SrvService => "ecsta-cti";

    /// <summary>The CTI listener's port.</summary>
    public override int ServicePort => Secure ? Sim.CtisPort!.Value : Sim.CtiPort!.Value;

    public override ServiceTarget? CurrentPrimary => Link.CurrentSession()?.Primary;

    public override string MaskedCredentials => "<credentials>********</credentials>";

    public override IReadOnlyList<string> LivenessLossWords { get; } = ["No answer to the keepalive", "3 periods"];

    public override IReadOnlyList<string> ConnectionTestExtraSteps { get; } = ["side channel"];

    public override string TargetAnswered => Secure ? "TLS connection established" : "TCP connection established";

    /// <summary>The side channel went to the host the socket connected to, on the simulator's XSI port.</summary>
    public override void AssertConnectionTestExtras(ConnectionTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var socket = result.Steps.Last(s => s.Step == "target" && s.Success);
        var side = result.Steps[^1];
        Assert.Equal(("side channel", socket.Target!.Host, HttpPort), (side.Step, side.Target!.Host, side.Target.Port));
    }

    static async Task<TransportHarness> IHarnessStarter.StartAsync(HarnessOptions options) => await StartAsync(options);

    /// <summary>Starts the simulator and creates the link; <paramref name="ctiPortFor"/> puts something (a relay) between them.</summary>
    public static async Task<Harness> StartAsync(HarnessOptions options, Func<int, int>? ctiPortFor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sim = await XspSimulator.StartAsync(DefaultSimulatorOptions(options) with { CtiKeepaliveInterval = TimeSpan.FromMilliseconds(500) });
        var ctiPort = options.Secure ? sim.CtisPort!.Value : sim.CtiPort!.Value;
        var sidePort = options.Secure ? sim.XsiHttpsPort!.Value : sim.XsiPort!.Value;
        var caPath = await WriteCaFileAsync(sim, options);
        var settings = new Dictionary<string, string>(options.FastLiveness ? FastLiveness : CalmLiveness) { ["httpPort"] = sidePort.ToString(CultureInfo.InvariantCulture) };
        var type = options.Secure ? ConnectionTypes.Ctis : ConnectionTypes.Cti;
        var linkOptions = LinkOptions(sim, options, ctiPortFor?.Invoke(ctiPort) ?? ctiPort, type, caPath, settings);
        var (link, locator) = CreateLink(new CtiTransportFactory(), linkOptions, options);
        return new Harness(sim, (CtiPlatformLink)link, linkOptions, caPath, locator);
    }
}

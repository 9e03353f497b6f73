using Ecsta.Simulator;

namespace Ecsta.Dialog.Tests.TestSupport;

/// <summary>One BroadWorks simulator (a group of <see cref="Users"/> users, XSI over HTTP on loopback) for the tests that talk to BroadWorks.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const int Users = 12;

    public XspSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Sim = await XspSimulator.StartAsync(new SimulatorOptions { Users = Users, XsiPort = 0, XsiHttpsPort = null, CtiPort = 0, CtisPort = null });

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}

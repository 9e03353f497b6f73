namespace Ecsta.Transport.Contract;

/// <summary>How a transport's test project gives the contract suites its harness.</summary>
public interface IHarnessStarter
{
    /// <summary>Starts a simulator and creates (not connects) one link of the transport against it.</summary>
    static abstract Task<TransportHarness> StartAsync(HarnessOptions options);
}

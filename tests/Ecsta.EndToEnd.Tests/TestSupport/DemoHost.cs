namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>One line as lineGetDevices lists it.</summary>
internal sealed record DemoLine(uint DeviceId, string Number, string LineName);

/// <summary>
/// The real host as `ecsta run` starts it with no configuration file: demo mode (the simulator in-process, the XSI
/// transport, the TSP core, five lines) and the application API on a real loopback listener. The periodic demo
/// caller is off, so only the tests make calls.
/// </summary>
public class DemoHost : IAsyncLifetime
{
    private RunningHost? _host;

    private RunningHost Running => _host ?? throw new InvalidOperationException("the demo host is not started");

    /// <summary>The application API: ws://127.0.0.1:port/tapi.</summary>
    public Uri Api => Running.Api;

    /// <summary>The token from the api-token file beside the configuration.</summary>
    public string Token => Running.Token;

    /// <summary>The configuration file (absent: that is what makes it demo mode).</summary>
    public string ConfigurationPath => Running.ConfigurationPath;

    /// <summary>The five demo lines in device id order.</summary>
    internal IReadOnlyList<DemoLine> Lines => Running.Lines;

    /// <summary>How the demo instance talks to its simulator: XSI over http here.</summary>
    protected virtual string Transport => Ecsta.Abstractions.Transports.ConnectionTypes.Http;

    public async Task InitializeAsync() =>
        _host = await RunningHost.StartAsync(Path.Combine(Path.GetTempPath(), "ecsta-demo-" + Guid.NewGuid().ToString("N")), lines: 5, Transport);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

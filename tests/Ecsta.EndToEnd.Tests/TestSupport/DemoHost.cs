using System.Net;
using System.Net.Sockets;
using Ecsta.Host.Cli.Call;
using Ecsta.Host.Hosting;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>One demo line as lineGetDevices lists it.</summary>
internal sealed record DemoLine(uint DeviceId, string Number, string LineName);

/// <summary>
/// The real host as `ecsta run` starts it with no configuration file: demo mode (the simulator in-process, the XSI
/// transport, the TSP core, five lines) and the application API on a real loopback listener. The periodic demo
/// caller is off, so only the tests make calls. Ready once the token file exists and all five lines are in service.
/// </summary>
public sealed class DemoHost : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecsta-demo-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _host;

    /// <summary>The application API: ws://127.0.0.1:port/tapi.</summary>
    public Uri Api { get; private set; } = null!;

    /// <summary>The token from the api-token file beside the configuration.</summary>
    public string Token { get; private set; } = "";

    /// <summary>The configuration file (absent: that is what makes it demo mode).</summary>
    public string ConfigurationPath => Path.Combine(_folder, "ecsta.json");

    /// <summary>The five demo lines in device id order.</summary>
    internal IReadOnlyList<DemoLine> Lines { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var port = FreeTcpPort();
        Api = new Uri($"ws://127.0.0.1:{port}/tapi");
        var options = new EcstaHostOptions(ConfigurationPath, Path.Combine(AppContext.BaseDirectory, "plugins"), $"http://127.0.0.1:{port}", Demo: false, DemoCalls: false);
        _host = Task.Run(() => EcstaHost.RunAsync(options, TextWriter.Null, _stop.Token));
        var tokenFile = Path.Combine(_folder, "api-token");
        using var ready = new CancellationTokenSource(StartWait);
        while (true)
        {
            if (_host.IsCompleted)
            {
                throw new InvalidOperationException($"the host stopped: {await _host}");
            }

            if (File.Exists(tokenFile))
            {
                Token = (await File.ReadAllTextAsync(tokenFile, ready.Token)).Trim();
                if (Token.Length > 0 && await AllLinesInServiceAsync())
                {
                    return;
                }
            }

            await Task.Delay(100, ready.Token);
        }
    }

    private async Task<bool> AllLinesInServiceAsync()
    {
        try
        {
            await using var probe = await TapiClient.ConnectAsync(Api, Token, CancellationToken.None);
            var devices = await probe.InvokeAsync<JArray>("lineGetDevices", null, CancellationToken.None);
            if (devices.Count != 5 || !devices.All(d => d["inService"]!.Value<bool>()))
            {
                return false;
            }

            Lines = [.. devices
                .Select(d => new DemoLine(d["deviceId"]!.Value<uint>(), d["number"]!.Value<string>()!, d["lineName"]!.Value<string>()!))
                .OrderBy(l => l.DeviceId)];
            return true;
        }
        catch (TapiConnectException)
        {
            return false;
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_host is not null)
        {
            await _host;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => _stop.Dispose();
}

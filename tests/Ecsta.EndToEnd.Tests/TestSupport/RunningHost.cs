using System.Net;
using System.Net.Sockets;
using Ecsta.Host.Cli.Call;
using Ecsta.Host.Hosting;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// The real host (EcstaHost.RunAsync, as `ecsta run`) with its configuration in a temporary folder and its API on a
/// free loopback port. With no configuration file in the folder it runs the demo (periodic demo caller off). Ready
/// once the token file exists and the expected number of lines is in service.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _host;

    private RunningHost(string folder, Uri api, CancellationTokenSource stop, Task<int> host)
    {
        Folder = folder;
        Api = api;
        _stop = stop;
        _host = host;
    }

    /// <summary>The folder of the configuration file and the api-token file.</summary>
    public string Folder { get; }

    /// <summary>The configuration file.</summary>
    public string ConfigurationPath => Path.Combine(Folder, "ecsta.json");

    /// <summary>The application API: ws://127.0.0.1:port/tapi.</summary>
    public Uri Api { get; }

    /// <summary>The token from the api-token file.</summary>
    public string Token { get; private set; } = "";

    /// <summary>The lines in device id order once the host was ready.</summary>
    public IReadOnlyList<DemoLine> Lines { get; private set; } = [];

    /// <summary>Starts the host on <paramref name="folder"/> and waits until <paramref name="lines"/> lines are in service.</summary>
    public static async Task<RunningHost> StartAsync(string folder, int lines, string demoTransport = Ecsta.Abstractions.Transports.ConnectionTypes.Http)
    {
        Directory.CreateDirectory(folder);
        var port = FreeTcpPort();
        var options = new EcstaHostOptions(Path.Combine(folder, "ecsta.json"), Path.Combine(AppContext.BaseDirectory, "plugins"),
            $"http://127.0.0.1:{port}", Demo: false, DemoCalls: false, DemoTransport: demoTransport);
        var stop = new CancellationTokenSource();
        var host = new RunningHost(folder, new Uri($"ws://127.0.0.1:{port}/tapi"), stop, Task.Run(() => EcstaHost.RunAsync(options, TextWriter.Null, stop.Token)));
        try
        {
            await host.WaitReadyAsync(lines);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync(int lines)
    {
        var tokenFile = Path.Combine(Folder, "api-token");
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
                if (Token.Length > 0 && await LinesInServiceAsync(lines))
                {
                    return;
                }
            }

            await Task.Delay(100, ready.Token);
        }
    }

    private async Task<bool> LinesInServiceAsync(int count)
    {
        try
        {
            await using var probe = await TapiClient.ConnectAsync(Api, Token, CancellationToken.None);
            var devices = await probe.InvokeAsync<JArray>("lineGetDevices", null, CancellationToken.None);
            if (devices.Count != count || !devices.All(d => d["inService"]!.Value<bool>()))
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

    /// <summary>Stops the host and keeps its folder (configuration, tokens, line ids) for a host started on it next.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _host;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _stop.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

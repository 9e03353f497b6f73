using System.Net;
using System.Net.Sockets;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Cli.Call;
using Ecsta.Host.Hosting;
using Ecsta.Simulator;
using Ecsta.Tsp.Configuration;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// Licensing through the whole product: a host with 26 configured lines in its 45-day trial (25 seats), the real
/// licensing plugin, the XSI transport and the simulator; an application opens lines over the API until the seats
/// run out.
/// </summary>
public sealed class LicenseSeatsEndToEndTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecsta-seats-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private XspSimulator _simulator = null!;
    private Task<int>? _host;
    private Uri _api = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _simulator = await XspSimulator.StartAsync(new SimulatorOptions { Users = 26, XsiPort = 0, XsiHttpsPort = null, CtiPort = null, CtisPort = null });
        var store = new ConfigurationStore(Path.Combine(_folder, "ecsta.json"));
        var instance = new InstanceConfiguration
        {
            Name = "office",
            Mode = InstanceMode.Server,
            Host = "127.0.0.1",
            Port = _simulator.XsiPort!.Value,
            ConnectionType = ConnectionTypes.Http,
            User = _simulator.Administrator.UserId,
            PasswordProtected = store.Secrets.Protect(_simulator.Administrator.Password),
            Lines = [.. _simulator.Users.Select(u => new LineConfiguration { UserId = u.UserId, Number = u.Extension, Name = u.DisplayName })],
        };
        store.Save(new EcstaConfiguration { Instances = { instance } });

        var port = FreeTcpPort();
        _api = new Uri($"ws://127.0.0.1:{port}/tapi");
        var options = new EcstaHostOptions(store.Path, Path.Combine(AppContext.BaseDirectory, "plugins"), $"http://127.0.0.1:{port}", Demo: false, DemoCalls: false);
        _host = Task.Run(() => EcstaHost.RunAsync(options, TextWriter.Null, _stop.Token));
        var tokenFile = Path.Combine(_folder, "api-token");
        using var ready = new CancellationTokenSource(Wait);
        while (!File.Exists(tokenFile) || (await File.ReadAllTextAsync(tokenFile)).Trim().Length == 0)
        {
            if (_host.IsCompleted)
            {
                throw new InvalidOperationException($"the host stopped: {await _host}");
            }

            await Task.Delay(100, ready.Token);
        }

        _token = (await File.ReadAllTextAsync(tokenFile)).Trim();
    }

    [Fact]
    public async Task Twenty_five_lines_open_in_the_trial_and_the_twenty_sixth_is_refused_with_RESOURCEUNAVAIL()
    {
        using var timeout = new CancellationTokenSource(Wait);
        await using var application = await ConnectWhenReadyAsync(timeout.Token);
        var devices = await application.InvokeAsync<JArray>("lineGetDevices", null, timeout.Token);
        Assert.Equal(26, devices.Count);

        var opened = 0;
        foreach (var device in devices.Take(25))
        {
            await application.InvokeAsync<JObject>("lineOpen", new { deviceId = device["deviceId"]!.Value<uint>(), privileges = 4 }, timeout.Token);
            opened++;
        }

        var refused = await Assert.ThrowsAsync<TapiCallException>(() =>
            application.InvokeAsync<JObject>("lineOpen", new { deviceId = devices[25]["deviceId"]!.Value<uint>(), privileges = 4 }, timeout.Token));

        Assert.Equal(25, opened);
        Assert.Equal("LINEERR_RESOURCEUNAVAIL", refused.LineErr);
        Assert.Contains("license", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<TapiClient> ConnectWhenReadyAsync(CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await TapiClient.ConnectAsync(_api, _token, ct);
            }
            catch (TapiConnectException)
            {
                await Task.Delay(100, ct);
            }
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

        await _simulator.DisposeAsync();
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

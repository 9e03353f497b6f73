using System.Globalization;
using Ecsta.Host.Api;
using Ecsta.Host.Cli;
using Ecsta.Host.Cli.Call;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Ecsta.Host.Tests.Api.Support;

/// <summary>
/// A real Kestrel listener on 127.0.0.1:0 with the application API mapped over one TSP provider driven by the core's
/// fake platform link (<see cref="TspHarness"/>, line "alice" 1010).
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private ApiTestHost(TspHarness harness, WebApplication app, TapiApiHub hub, ApiAccess access, LogCollector logs, string folder)
    {
        Harness = harness;
        _app = app;
        Hub = hub;
        Access = access;
        Logs = logs;
        _folder = folder;
        var http = app.Urls.First();
        HttpUrl = new Uri(http);
        WebSocketUrl = new Uri(http.Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/tapi");
    }

    public TspHarness Harness { get; }

    public TapiApiHub Hub { get; }

    public ApiAccess Access { get; }

    public LogCollector Logs { get; }

    public Uri HttpUrl { get; }

    public Uri WebSocketUrl { get; }

    public string Token => Access.Token;

    public uint DeviceId => Harness.DeviceId;

    public static async Task<ApiTestHost> StartAsync(TapiApiOptions? options = null)
    {
        var harness = await TspHarness.StartAsync(open: false);
        var folder = Path.Combine(Path.GetTempPath(), "ecsta-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var access = ApiAccess.LoadOrCreate(folder);
        var logs = new LogCollector();
        var log = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(logs).CreateLogger();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hub = app.MapTapiApi(new StaticProviderSource(harness.Provider), access, log, options);
        await app.StartAsync();
        return new ApiTestHost(harness, app, hub, access, logs, folder);
    }

    /// <summary>Connects an application with the token.</summary>
    public Task<TapiClient> ConnectAsync() => TapiClient.ConnectAsync(WebSocketUrl, Token, CancellationToken.None);

    /// <summary>Runs `ecsta ARGS --url … --token …` in-process.</summary>
    public async Task<CliRun> RunCliAsync(string[] args, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        var stdout = output ?? new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        string[] all = [.. args, "--url", HttpUrl.ToString(), "--token", Token, "--config", Path.Combine(_folder, "ecsta.json")];
        var exit = await CliApplication.RunAsync(all, new CliConsole(stdout, stderr, TextReader.Null), cancellationToken);
        return new CliRun(exit, stdout.ToString() ?? "", stderr.ToString());
    }

    /// <summary>Waits (polling) until <paramref name="condition"/> holds; fails after 10 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Hub.Dispose();
        await Harness.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

/// <summary>The outcome of one CLI run.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>A fixed set of providers.</summary>
internal sealed class StaticProviderSource(params TspProvider[] providers) : ITapiProviderSource
{
    public IReadOnlyList<TspProvider> Providers { get; } = providers;

    public event EventHandler<TspProvider>? ProviderStarted;

    public event EventHandler<TspProvider>? ProviderStopping;

    public void Stop(TspProvider provider) => ProviderStopping?.Invoke(this, provider);

    public void Start(TspProvider provider) => ProviderStarted?.Invoke(this, provider);
}

/// <summary>Keeps every log event, rendered, for assertions.</summary>
internal sealed class LogCollector : ILogEventSink
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        var text = logEvent.RenderMessage(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _lines.Add(text);
        }
    }
}

/// <summary>A StringWriter that a test may read while another task writes to it.</summary>
internal sealed class LockedStringWriter() : StringWriter(CultureInfo.InvariantCulture)
{
    private readonly Lock _gate = new();

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }
}

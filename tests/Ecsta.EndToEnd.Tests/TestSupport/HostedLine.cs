using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Provider;
using Ecsta.Tsp.Runtime;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// One instance run by a real <see cref="TelephonyRuntime"/> (configuration → plugin catalog → XSI link → TSP core)
/// with its first line opened as OWNER by a <see cref="RecordingSink"/> as soon as the provider exists, so the sink
/// sees the line come into service.
/// </summary>
internal sealed class HostedLine : IAsyncDisposable
{
    private HostedLine(TelephonyRuntime runtime, TspProvider provider, uint deviceId, uint lineHandle, RecordingSink sink)
    {
        Runtime = runtime;
        Provider = provider;
        DeviceId = deviceId;
        LineHandle = lineHandle;
        Sink = sink;
    }

    public TelephonyRuntime Runtime { get; }

    public TspProvider Provider { get; }

    public uint DeviceId { get; }

    public uint LineHandle { get; }

    public RecordingSink Sink { get; }

    public static async Task<HostedLine> StartAsync(HostEnvironment environment, InstanceConfiguration instance, IServiceLocator locator, bool waitForService = true)
    {
        var runtime = new TelephonyRuntime(environment.Catalog, environment.Store, locator, TimeProvider.System, environment.Log, logDirectory: null, licenses: null);
        var sink = new RecordingSink();
        uint lineHandle = 0;
        runtime.ProviderStarted += (_, provider) =>
        {
            var open = provider.Open(provider.DeviceIds[0], sink, LineCallPrivilege.OWNER);
            Assert.Equal(LineErr.SUCCESS, open.Result);
            lineHandle = open.LineHandle;
        };
        var configuration = new EcstaConfiguration { Instances = [instance] };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await runtime.ApplyAsync(configuration, timeout.Token);
        var provider = runtime.FindProvider(instance.Name);
        Assert.NotNull(provider);
        var line = new HostedLine(runtime, provider, provider.DeviceIds[0], lineHandle, sink);
        if (waitForService)
        {
            // In service, and the first snapshot's hook status applied (it may arrive before or after INSERVICE).
            await sink.WaitForAsync(
                entries => entries.Contains("LINE_LINEDEVSTATE INSERVICE") && entries.Contains("LINE_ADDRESSSTATE INUSEZERO"),
                "INSERVICE and the initial INUSEZERO");
            await line.SettleAsync();
        }

        return line;
    }

    /// <summary>Waits until the instance's loop has processed everything it has received.</summary>
    public Task SettleAsync() => Provider.SettleAsync();

    public LineCallInfo CallInfo(uint call) => Provider.GetCallInfo(call) ?? throw new InvalidOperationException($"no call {call}");

    public LineCallStatus CallStatus(uint call) => Provider.GetCallStatus(LineHandle, call) ?? throw new InvalidOperationException($"no call {call}");

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}

using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Api;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Cli.Call;

/// <summary>One `ecsta call` invocation's connection: finds lines and calls, opens lines, runs a request to its completion.</summary>
internal sealed class CallSession(TapiClient client, CliConsole console, TimeSpan timeout, TimeProvider time)
{
    private IReadOnlyList<ApiDevice>? _devices;

    public TapiClient Client { get; } = client;

    public CliConsole Console { get; } = console;

    public async Task<IReadOnlyList<ApiDevice>> DevicesAsync(CancellationToken cancellationToken) =>
        _devices ??= await Client.InvokeAsync<List<ApiDevice>>("lineGetDevices", null, cancellationToken).ConfigureAwait(false);

    /// <summary>A line by its number, else by its device id.</summary>
    public async Task<ApiDevice> FindLineAsync(string line, CancellationToken cancellationToken)
    {
        var devices = await DevicesAsync(cancellationToken).ConfigureAwait(false);
        var byNumber = devices.FirstOrDefault(d => string.Equals(d.Number, line, StringComparison.OrdinalIgnoreCase));
        if (byNumber is not null)
        {
            return byNumber;
        }

        if (uint.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) &&
            devices.FirstOrDefault(d => d.DeviceId == id) is { } byId)
        {
            return byId;
        }

        throw new CliFailure($"no line '{line}': give a device id or a number that `ecsta call status` lists");
    }

    public async Task<uint> OpenAsync(uint deviceId, LineCallPrivilege privileges, CancellationToken cancellationToken)
    {
        var opened = await Client.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId, privileges = (uint)privileges }, cancellationToken).ConfigureAwait(false);
        return opened.HLine;
    }

    /// <summary>Opens, as owner, the line that holds <paramref name="hCall"/>.</summary>
    public async Task OpenLineOfCallAsync(uint hCall, CancellationToken cancellationToken)
    {
        ApiCallLocation location;
        try
        {
            location = await Client.InvokeAsync<ApiCallLocation>("ecstaLocateCall", new { hCall }, cancellationToken).ConfigureAwait(false);
        }
        catch (TapiCallException ex)
        {
            throw new TapiCallException(ex.LineErr, $"no call {hCall} ({ex.LineErr}); `ecsta call status` lists the calls");
        }

        await OpenAsync(location.DeviceId, LineCallPrivilege.OWNER, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs an asynchronous method and waits for its ASYNC_COMPLETION; a LINEERR in either throws.</summary>
    public async Task<ApiAsyncReply> RequestAsync(string method, object arguments, CancellationToken cancellationToken)
    {
        var reply = await Client.InvokeAsync<ApiAsyncReply>(method, arguments, cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ApiCompletionView completion;
        try
        {
            completion = await Client.WaitForCompletionAsync(reply.RequestId, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure($"request {reply.RequestId} did not complete within {timeout.TotalSeconds:0} s");
        }

        if (!completion.Succeeded)
        {
            throw new TapiCallException(completion.ResultName, completion.ResultName);
        }

        return reply;
    }

    /// <summary>The current forward list of a line (for merging one change into it).</summary>
    public async Task<ApiAddressStatus> AddressStatusAsync(uint hLine, CancellationToken cancellationToken) =>
        await Client.InvokeAsync<ApiAddressStatus>("lineGetAddressStatus", new { hLine }, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<JObject>> CallsAsync(uint hLine, CancellationToken cancellationToken) =>
        await Client.InvokeAsync<List<JObject>>("lineGetCalls", new { hLine }, cancellationToken).ConfigureAwait(false);
}

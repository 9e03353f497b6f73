using System.Globalization;
using System.Text;
using Ecsta.Host.Cli.Call;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// One application on the real application API (JSON-RPC over WebSocket with the token), as a test drives it: every
/// notification is kept in arrival order, and an expectation takes the first matching notification not taken yet,
/// waiting for it with a timeout. Asynchronous methods are awaited to their ASYNC_COMPLETION.
/// </summary>
internal sealed class ApiApplication : IAsyncDisposable
{
    /// <summary>How long a notification or a reply may take before the test fails.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly TapiClient _client;
    private readonly string _name;
    private readonly List<TapiEvent> _received = [];
    private readonly HashSet<int> _taken = [];
    private readonly Lock _gate = new();
    private readonly Task _pump;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiApplication(TapiClient client, string name)
    {
        _client = client;
        _name = name;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Connects to the host's /tapi (<paramref name="api"/>) with its token.</summary>
    public static async Task<ApiApplication> ConnectAsync(Uri api, string token, string name)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return new ApiApplication(await TapiClient.ConnectAsync(api, token, timeout.Token), name);
    }

    /// <summary>Every notification so far, in arrival order.</summary>
    public IReadOnlyList<TapiEvent> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var ev in _client.Events.ReadAllAsync())
        {
            TaskCompletionSource arrived;
            lock (_gate)
            {
                _received.Add(ev);
                arrived = _arrived;
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            arrived.TrySetResult();
        }
    }

    /// <summary>Calls a method and returns its result (a JSON-RPC error fails the test).</summary>
    public async Task<JToken?> InvokeAsync(string method, object? arguments = null)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await _client.InvokeAsync<JToken?>(method, arguments, timeout.Token);
    }

    /// <summary>Calls a method that must return an object.</summary>
    public async Task<JObject> InvokeObjectAsync(string method, object? arguments = null) =>
        Assert.IsType<JObject>(await InvokeAsync(method, arguments));

    /// <summary>Calls a method that must be refused; returns the LINEERR name of the JSON-RPC error.</summary>
    public async Task<string> RefusedAsync(string method, object? arguments = null)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var refused = await Assert.ThrowsAsync<TapiCallException>(() => _client.InvokeAsync<JToken?>(method, arguments, timeout.Token));
        return refused.LineErr;
    }

    /// <summary>
    /// Calls an asynchronous method and waits for its ASYNC_COMPLETION, which must carry <paramref name="result"/>
    /// (SUCCESS or a LINEERR name); returns the reply (requestId and any new call handle).
    /// </summary>
    public async Task<JObject> RequestAsync(string method, object arguments, string result = "SUCCESS")
    {
        var reply = await InvokeObjectAsync(method, arguments);
        var requestId = reply["requestId"]!.Value<uint>();
        Assert.NotEqual(0u, requestId);
        var completion = await ExpectAsync($"ASYNC_COMPLETION of {method} (request {requestId})", "ASYNC_COMPLETION",
            p => p["requestId"]?.Value<uint>() == requestId);
        Assert.True(result == completion.Payload["resultName"]?.Value<string>(),
            $"{method}: expected {result}, completed with {completion.Payload}");
        Assert.Equal(result == "SUCCESS", completion.Payload["result"]!.Value<long>() == 0);
        return reply;
    }

    /// <summary>lineOpen; returns the hLine.</summary>
    public async Task<uint> OpenAsync(uint deviceId, string privileges = "OWNER")
    {
        var opened = await InvokeObjectAsync("lineOpen", new { deviceId, privileges });
        Assert.Equal(privileges, opened["privilegesName"]!.Value<string>());
        return opened["hLine"]!.Value<uint>();
    }

    /// <summary>Takes the first notification not taken yet named <paramref name="name"/> that matches, waiting for it.</summary>
    public async Task<TapiEvent> ExpectAsync(string what, string name, Func<JObject, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var searched = 0;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                for (var i = 0; i < _received.Count; i++)
                {
                    var ev = _received[i];
                    if (!_taken.Contains(i) && ev.Name == name && (match is null || match(ev.Payload)))
                    {
                        _taken.Add(i);
                        return ev;
                    }
                }

                searched = _received.Count;
                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{_name}: no {what} within {Wait.TotalSeconds:0} s; received {searched} notifications:{Environment.NewLine}{Dump()}");
            }
        }
    }

    /// <summary>Takes the next LINE_CALLSTATE of <paramref name="hCall"/> with state <paramref name="state"/> (and mode, if given).</summary>
    public Task<TapiEvent> StateAsync(uint hCall, string state, string? mode = null) =>
        ExpectAsync($"LINE_CALLSTATE {state}{(mode is null ? "" : "/" + mode)} of call {hCall}", "LINE_CALLSTATE", p =>
            p["hCall"]?.Value<uint>() == hCall && p["names"]?["param1"]?.Value<string>() == state &&
            (mode is null || p["names"]?["param2"]?.Value<string>() == mode));

    /// <summary>Takes the next LINE_NEWCALL on <paramref name="hLine"/>; returns it (param2 is the hCall).</summary>
    public Task<TapiEvent> NewCallAsync(uint hLine) =>
        ExpectAsync($"LINE_NEWCALL on line handle {hLine}", "LINE_NEWCALL", p => p["hLine"]?.Value<uint>() == hLine);

    /// <summary>Takes the next LINE_CALLINFO of <paramref name="hCall"/> whose bits include <paramref name="bit"/> (a LINECALLINFOSTATE_* name).</summary>
    public Task<TapiEvent> CallInfoAsync(uint hCall, string bit) =>
        ExpectAsync($"LINE_CALLINFO {bit} of call {hCall}", "LINE_CALLINFO", p =>
            p["hCall"]?.Value<uint>() == hCall && (p["names"]?["param1"]?.Value<string>() ?? "").Split('|').Contains(bit));

    /// <summary>Takes the next LINE_ADDRESSSTATE on <paramref name="hLine"/> whose bits include <paramref name="bit"/>.</summary>
    public Task<TapiEvent> AddressStateAsync(uint hLine, string bit) =>
        ExpectAsync($"LINE_ADDRESSSTATE {bit} on line handle {hLine}", "LINE_ADDRESSSTATE", p =>
            p["hLine"]?.Value<uint>() == hLine && (p["names"]?["param2"]?.Value<string>() ?? "").Split('|').Contains(bit));

    /// <summary>The states of <paramref name="hCall"/> received so far, in order (taken or not).</summary>
    public IReadOnlyList<string> StatesOf(uint hCall) =>
        [.. Received.Where(e => e.Name == "LINE_CALLSTATE" && e.Payload["hCall"]?.Value<uint>() == hCall)
            .Select(e => e.Payload["names"]!["param1"]!.Value<string>()!)];

    /// <summary>The position of a received notification (to assert the order of two of them).</summary>
    public int IndexOf(TapiEvent ev)
    {
        lock (_gate)
        {
            return _received.IndexOf(ev);
        }
    }

    /// <summary>lineGetCallStatus.</summary>
    public Task<JObject> StatusAsync(uint hCall) => InvokeObjectAsync("lineGetCallStatus", new { hCall });

    /// <summary>lineGetCallInfo.</summary>
    public Task<JObject> InfoAsync(uint hCall) => InvokeObjectAsync("lineGetCallInfo", new { hCall });

    private string Dump()
    {
        var text = new StringBuilder();
        foreach (var ev in Received.TakeLast(40))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {ev.Name} {ev.Payload.ToString(Newtonsoft.Json.Formatting.None)}").AppendLine();
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _pump;
    }
}

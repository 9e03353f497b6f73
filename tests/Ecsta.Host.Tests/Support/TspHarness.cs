using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Provider;
using Microsoft.Extensions.Time.Testing;

namespace Ecsta.Host.Tests.Support;

/// <summary>
/// One instance with one line ("alice", 1010) driven by a <see cref="FakePlatformLink"/> and a
/// <see cref="FakeTimeProvider"/>, opened by one owner whose sink records every message.
/// </summary>
internal sealed class TspHarness : IAsyncDisposable
{
    public const string User = "alice";
    public const string Number = "1010";

    private TspHarness(TspProvider provider, FakePlatformLink link, FakeTimeProvider time)
    {
        Provider = provider;
        Link = link;
        Time = time;
    }

    public TspProvider Provider { get; }
    public FakePlatformLink Link { get; }
    public FakeTimeProvider Time { get; }
    public RecordingSink Sink { get; } = new();
    public uint DeviceId { get; private set; }
    public uint LineHandle { get; private set; }

    public static async Task<TspHarness> StartAsync(TspOptions? options = null, TestLicensePool? licenses = null,
        Ecsta.Abstractions.NumberFormatting.INumberFormatter? formatter = null, FakePlatformLink? link = null, bool open = true, TspLineSettings? line = null, Serilog.ILogger? log = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        link ??= new FakePlatformLink();
        var services = new TspHostServices { Time = time, Licenses = licenses, Log = log ?? Serilog.Core.Logger.None };
        var settings = new TspInstanceSettings("test", [line ?? new TspLineSettings(User, Number, "Alice Example")], options ?? new TspOptions());
        var provider = new TspProvider(settings, link, formatter ?? new PassThroughFormatter(), services);
        var harness = new TspHarness(provider, link, time);
        await provider.StartAsync(CancellationToken.None);
        await provider.SettleAsync();
        harness.DeviceId = provider.DeviceIds[0];
        if (open)
        {
            var result = provider.Open(harness.DeviceId, harness.Sink, LineCallPrivilege.OWNER);
            Assert.Equal(LineErr.SUCCESS, result.Result);
            harness.LineHandle = result.LineHandle;
            await provider.SettleAsync();
        }

        link.ClearCommands();
        harness.Sink.Clear();
        return harness;
    }

    public Task SettleAsync() => Provider.SettleAsync();

    /// <summary>Pushes events and waits until the core has applied them.</summary>
    public async Task PushAsync(params PlatformEvent[] events)
    {
        foreach (var ev in events)
        {
            Link.Push(ev);
        }

        await Provider.SettleAsync();
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        await Provider.SettleAsync();
        Time.Advance(by);
        await Provider.SettleAsync();
    }

    /// <summary>What the sink received since the last call, as text; then forgets it.</summary>
    public IReadOnlyList<string> Take()
    {
        var texts = Sink.Texts;
        Sink.Clear();
        return texts;
    }

    public LineCallStatus Status(uint call) => Provider.GetCallStatus(LineHandle, call) ?? throw new InvalidOperationException($"no call {call}");

    public LineCallInfo Info(uint call) => Provider.GetCallInfo(call) ?? throw new InvalidOperationException($"no call {call}");

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Link.DisposeAsync();
    }
}

/// <summary>Builds platform calls and events for the harness's line.</summary>
internal static class Ev
{
    public static PlatformCall Call(string callId, CallPersonality personality, BroadWorksCallState state, string remote,
        string? ext = null, string? callType = "Group", string? remoteName = null) => new()
        {
            CallId = callId,
            ExtTrackingId = ext ?? "t-" + callId,
            Personality = personality,
            State = state,
            RemoteParty = new PartyInfo(remoteName, "tel:" + remote, CallType: callType),
        };

    /// <summary>An incoming call, alerting.</summary>
    public static PlatformCall Incoming(string callId, string from, string? callType = "Group") =>
        Call(callId, CallPersonality.Terminator, BroadWorksCallState.Alerting, from, callType: callType);

    /// <summary>A click-to-dial call, the own phone alerting.</summary>
    public static PlatformCall ClickToDial(string callId, string to) =>
        Call(callId, CallPersonality.ClickToDial, BroadWorksCallState.Alerting, to);

    public static CallEvent E(CallEventKind kind, params PlatformCall[] calls) => new()
    {
        UserId = TspHarness.User,
        Kind = kind,
        RawType = $"Call{kind}Event",
        Calls = calls,
    };

    public static PlatformCall With(this PlatformCall call, BroadWorksCallState state) => call with { State = state };

    public static PlatformCall AsOriginator(this PlatformCall call) => call with { Personality = CallPersonality.Originator };

    public static CallEvent Released(PlatformCall call, ReleasingParty by = ReleasingParty.Remote, string? cause = null) =>
        E(CallEventKind.Released, call with
        {
            State = BroadWorksCallState.Released,
            ReleasingParty = by,
            ReleaseCause = cause is null ? null : new ReleaseCause(cause),
        });

    public static ConferenceEvent Conference(string type, BroadWorksCallState state, params string[] participants) => new()
    {
        UserId = TspHarness.User,
        RawType = type,
        Conference = new ConferenceInfo(state, participants),
    };

    public static ServiceEvent Service(UserService service, bool active, string? number = null, int? rings = null) => new()
    {
        UserId = TspHarness.User,
        Setting = new ServiceSetting(service, active, number, rings),
    };

    public static CallStartResult Started(string callId, string ext) => new(callId, ext);
}

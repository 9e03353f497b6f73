using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;
using FsCheck.Xunit;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>Random orders of platform events and operations on one line must never break the TAPI invariants.</summary>
public sealed class RandomEventOrderProperties
{
    [Property(MaxTest = 80)]
    public bool No_message_after_IDLE_no_state_before_completion_and_features_match_states(byte[] script) =>
        Task.Run(() => RunAsync(script ?? [])).GetAwaiter().GetResult();

    private static async Task<bool> RunAsync(byte[] script)
    {
        await using var h = await TspHarness.StartAsync();
        var newHandles = new Dictionary<uint, uint>();
        var steps = script.Take(40).ToArray();
        foreach (var b in steps)
        {
            var id = "c" + ((b >> 4) % 3);
            var remote = "10" + ((b >> 4) % 3);
            var incoming = Ev.Incoming(id, remote);
            var outgoing = Ev.ClickToDial(id, remote);
            var calls = h.Provider.GetCalls(h.LineHandle);
            var some = calls.Count == 0 ? 0u : calls[(b >> 4) % calls.Count];
            switch (b % 15)
            {
                case 0: await h.PushAsync(Ev.E(CallEventKind.Received, incoming)); break;
                case 1: await h.PushAsync(Ev.E(CallEventKind.Answered, incoming.With(BroadWorksCallState.Active))); break;
                case 2: await h.PushAsync(Ev.E(CallEventKind.Held, incoming.With(BroadWorksCallState.Held))); break;
                case 3: await h.PushAsync(Ev.E(CallEventKind.Retrieved, incoming.With(BroadWorksCallState.Active))); break;
                case 4: await h.PushAsync(Ev.Released(incoming)); break;
                case 5: await h.PushAsync(Ev.E(CallEventKind.Redirected, incoming.With(BroadWorksCallState.Detached))); break;
                case 6: await h.AdvanceAsync(TimeSpan.FromMilliseconds(300)); break;
                case 7:
                    h.Link.NextCalls.Enqueue(Ev.Started(id, "t-" + id));
                    var make = h.Provider.MakeCall(h.LineHandle, remote);
                    if (make.Accepted) newHandles[make.NewCallHandle] = make.RequestId;
                    await h.SettleAsync();
                    break;
                case 8: await h.PushAsync(Ev.E(CallEventKind.Originating, outgoing)); break;
                case 9: h.Provider.Answer(h.LineHandle, some); await h.SettleAsync(); break;
                case 10: h.Provider.Hold(h.LineHandle, some); await h.SettleAsync(); break;
                case 11: h.Provider.Drop(h.LineHandle, some); await h.SettleAsync(); break;
                case 12:
                    await h.PushAsync(new CallSnapshotEvent
                    {
                        UserId = TspHarness.User,
                        Calls = (b & 0x10) == 0 ? [] : [incoming.With(BroadWorksCallState.Active)],
                    });
                    break;
                case 13: await h.PushAsync(Ev.E(CallEventKind.Releasing, outgoing.AsOriginator() with { ReleaseCause = new ReleaseCause("Busy") })); break;
                default:
                    var setup = h.Provider.SetupTransfer(h.LineHandle, some);
                    if (setup.Accepted) newHandles[setup.NewCallHandle] = setup.RequestId;
                    await h.SettleAsync();
                    break;
            }

            if (!FeaturesConsistent(h))
            {
                return false;
            }
        }

        await h.AdvanceAsync(TimeSpan.FromSeconds(11));
        return FeaturesConsistent(h) && MessagesConsistent(h.Sink.Items, newHandles);
    }

    private static bool FeaturesConsistent(TspHarness h)
    {
        foreach (var call in h.Provider.GetCalls(h.LineHandle))
        {
            var status = h.Status(call);
            if ((status.CallFeatures & ~CallFeatures.AllowedIn(status.CallState)) != 0)
            {
                return false;
            }

            var required = status.CallState switch
            {
                LineCallState.OFFERING => LineCallFeature.ANSWER | LineCallFeature.DROP,
                LineCallState.CONNECTED => LineCallFeature.HOLD | LineCallFeature.DROP,
                LineCallState.ONHOLD or LineCallState.ONHOLDPENDTRANSFER => LineCallFeature.UNHOLD | LineCallFeature.DROP,
                LineCallState.DISCONNECTED => LineCallFeature.DROP,
                _ => LineCallFeature.None,
            };
            if ((status.CallFeatures & required) != required || status.CallState == LineCallState.IDLE)
            {
                return false;
            }
        }

        return true;
    }

    private static bool MessagesConsistent(IReadOnlyList<object> items, Dictionary<uint, uint> newHandles)
    {
        var idle = new HashSet<uint>();
        var known = new HashSet<uint>();
        var completed = new HashSet<uint>();
        foreach (var item in items)
        {
            if (item is AsyncCompletion)
            {
                continue;
            }

            var m = (TapiMessage)item;
            if (m.CallHandle == 0)
            {
                continue;
            }

            if (idle.Contains(m.CallHandle))
            {
                return false;
            }

            if (m.Message == LineMessage.LINE_NEWCALL)
            {
                if (newHandles.ContainsKey(m.CallHandle) || !known.Add(m.CallHandle))
                {
                    return false;
                }
            }
            else if (newHandles.ContainsKey(m.CallHandle))
            {
                completed.Add(m.CallHandle);
            }
            else if (!known.Contains(m.CallHandle))
            {
                return false;
            }

            if (m.Message == LineMessage.LINE_CALLSTATE && (LineCallState)m.Param1 == LineCallState.IDLE)
            {
                idle.Add(m.CallHandle);
            }
        }

        return NoStateBeforeCompletion(items, newHandles);
    }

    /// <summary>A handle returned by lineMakeCall/lineSetupTransfer gets messages only after its own request completed with success.</summary>
    private static bool NoStateBeforeCompletion(IReadOnlyList<object> items, Dictionary<uint, uint> newHandles)
    {
        var succeeded = new HashSet<uint>();
        foreach (var item in items)
        {
            if (item is AsyncCompletion { Result: LineErr.SUCCESS } c)
            {
                succeeded.Add(c.RequestId);
            }
            else if (item is TapiMessage m && newHandles.TryGetValue(m.CallHandle, out var request) && !succeeded.Contains(request))
            {
                return false;
            }
        }

        return true;
    }
}

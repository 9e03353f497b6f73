using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>The request rules on their own (docs/tapi-mapping.md R5, §3), without a provider.</summary>
public sealed class RequestRulesTests
{
    [Theory]
    [InlineData(PlatformErrorKind.InvalidAddress, nameof(RequestKind.MakeCall), LineErr.INVALADDRESS)]
    [InlineData(PlatformErrorKind.Forbidden, nameof(RequestKind.Hold), LineErr.OPERATIONUNAVAIL)]
    [InlineData(PlatformErrorKind.Forbidden, nameof(RequestKind.Forward), LineErr.OPERATIONFAILED)]
    [InlineData(PlatformErrorKind.LinkDown, nameof(RequestKind.Answer), LineErr.RESOURCEUNAVAIL)]
    [InlineData(PlatformErrorKind.Failed, nameof(RequestKind.Drop), LineErr.OPERATIONFAILED)]
    public void A_platform_failure_completes_its_request_with_the_LINEERR_of_R5(PlatformErrorKind kind, string request, LineErr expected) =>
        Assert.Equal(expected, RequestRules.ErrorFor(new TspRequest(1, Enum.Parse<RequestKind>(request), Line(), null), new PlatformException(kind, "refused")));

    [Fact]
    public void Any_other_exception_completes_its_request_with_OPERATIONFAILED() =>
        Assert.Equal(LineErr.OPERATIONFAILED, RequestRules.ErrorFor(new TspRequest(1, RequestKind.Hold, Line(), null), new TimeoutException()));

    [Fact]
    public void A_held_event_of_the_call_confirms_its_sent_hold_and_an_event_of_another_call_does_not()
    {
        var line = Line();
        var call = new TapiCall(1, line, CallKind.Normal, incoming: true);
        var other = new TapiCall(2, line, CallKind.Normal, incoming: true);
        var hold = new TspRequest(7, RequestKind.Hold, line, null) { Call = call, Phase = RequestPhase.Sent };
        line.Requests.AddLast(hold);
        var held = new PlatformCall { CallId = "c1", State = BroadWorksCallState.Held };

        Assert.Same(hold, RequestRules.Confirmed(line, CallEventKind.Held, held, call));
        Assert.Null(RequestRules.Confirmed(line, CallEventKind.Held, held with { CallId = "c2" }, other));
        Assert.Null(RequestRules.Confirmed(line, CallEventKind.Retrieved, held with { State = BroadWorksCallState.Active }, call));
    }

    [Fact]
    public void A_queued_request_is_confirmed_by_no_event()
    {
        var line = Line();
        var call = new TapiCall(1, line, CallKind.Normal, incoming: true);
        line.Requests.AddLast(new TspRequest(7, RequestKind.Drop, line, null) { Call = call });

        Assert.Null(RequestRules.Confirmed(line, CallEventKind.Released, new PlatformCall { CallId = "c1", State = BroadWorksCallState.Released }, call));
    }

    private static LineDevice Line() => new(1, new TspLineSettings("alice", "1010", "Alice"));
}

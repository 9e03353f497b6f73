using Ecsta.Abstractions.Tapi;
using Ecsta.Simulator.CallEngine;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// Click-to-dial with the user's phone answered by the test (the simulated phone's auto-answer is off), so the
/// own leg is answered only after the core has bound the call: the message order does not depend on whether the
/// calls/new answer or the phone's answer arrives first.
/// </summary>
internal static class OutgoingCalls
{
    /// <summary>lineMakeCall up to PROCEEDING (asserted): <c>C(0)</c>, PROCEEDING, NUMCALLS.</summary>
    public static async Task<uint> MakeCallAsync(this HostedLine line, SimUser user, string number)
    {
        user.AutoAnswerDelay = null;
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, number);
        var h = call.NewCallHandle;
        await line.ExpectAsync(mark, C(call), CS(h, "PROCEEDING"), NumCalls);
        return h;
    }

    /// <summary>The user's phone answers the alerting own leg of a click-to-dial call.</summary>
    public static void AnswerOwnLeg(this SimCallEngine engine, SimUser user)
    {
        var ownLeg = engine.GetCalls(user.UserId).Single(c => c.State == CallState.Alerting);
        engine.Talk(user.UserId, ownLeg.CallId);
    }

    /// <summary>
    /// lineMakeCall to an answering number up to CONNECTED (asserted): PROCEEDING, the phone answers (INUSEONE when
    /// it was on hook), RINGBACK, CONNECTEDID, CONNECTED.
    /// </summary>
    public static async Task<uint> ConnectOutgoingAsync(this HostedLine line, SimCallEngine engine, SimUser user, string number, bool phoneOffHook = false)
    {
        var h = await line.MakeCallAsync(user, number);
        var mark = line.Sink.Count;
        engine.AnswerOwnLeg(user);
        string[] rest = [CS(h, "RINGBACK"), CI(h, LineCallInfoState.CONNECTEDID), CS(h, "CONNECTED/ACTIVE")];
        await line.ExpectAsync(mark, phoneOffHook ? rest : [InUseOne, .. rest]);
        return h;
    }
}

using Ecsta.EndToEnd.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

/// <summary>
/// Applications on the real listener move calls between demo lines: lineRedirect of a ringing call,
/// lineBlindTransfer, the consultation transfer (lineSetupTransfer, lineDial, lineSwapHold, lineCompleteTransfer) in
/// transfer and conference mode, and lineAddToConference. Every party is a demo line opened by its own application.
/// </summary>
public abstract class ApplicationApiTransferTests(DemoHost host) : ApplicationApiTest(host)
{
    [Fact]
    public async Task LineRedirect_of_an_offering_call_rings_the_target_line_and_the_caller_learns_the_new_destination()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        await using var carol = await ConnectAsync("carol");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var carolLine = await carol.OpenAsync(Line(2).DeviceId);
        var (hCall, offered) = await RingAsync(alice, aliceLine, bob, bobLine, Line(1));

        await bob.RequestAsync("lineRedirect", new { hCall = offered, destAddress = Line(2).Number });

        await bob.StateAsync(offered, "DISCONNECTED", "FORWARDED");
        await bob.StateAsync(offered, "IDLE");
        var redirected = (await carol.NewCallAsync(carolLine)).Payload["param2"]!.Value<uint>();
        await carol.StateAsync(redirected, "OFFERING", "ACTIVE");
        var info = await carol.InfoAsync(redirected);
        Assert.Equal("REDIRECT", info["reasonName"]!.Value<string>());
        Assert.EndsWith(Line(0).Number, info["caller"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        Assert.EndsWith(Line(1).Number, info["redirecting"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        await alice.CallInfoAsync(hCall, "REDIRECTIONID");
        Assert.EndsWith(Line(2).Number, (await alice.InfoAsync(hCall))["redirection"]!["number"]!.Value<string>(), StringComparison.Ordinal);

        await carol.RequestAsync("lineAnswer", new { hCall = redirected });
        await carol.StateAsync(redirected, "CONNECTED", "ACTIVE");
        await alice.StateAsync(hCall, "CONNECTED", "ACTIVE");
        await DropAsync(alice, hCall);
        await carol.StateAsync(redirected, "IDLE");
    }

    [Fact]
    public async Task LineBlindTransfer_hands_a_connected_call_to_another_line_and_the_remote_party_follows_it()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        await using var carol = await ConnectAsync("carol");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var carolLine = await carol.OpenAsync(Line(2).DeviceId);
        var (hCall, bobCall) = await AnsweredCallAsync(alice, aliceLine, bob, bobLine, Line(1));

        await bob.RequestAsync("lineBlindTransfer", new { hCall = bobCall, destAddress = Line(2).Number });

        await bob.StateAsync(bobCall, "DISCONNECTED", "NORMAL");
        await bob.StateAsync(bobCall, "IDLE");
        var transferred = (await carol.NewCallAsync(carolLine)).Payload["param2"]!.Value<uint>();
        await carol.StateAsync(transferred, "OFFERING", "ACTIVE");
        Assert.Equal("TRANSFER", (await carol.InfoAsync(transferred))["reasonName"]!.Value<string>());
        await alice.CallInfoAsync(hCall, "REDIRECTINGID");
        await alice.StateAsync(hCall, "RINGBACK");

        await carol.RequestAsync("lineAnswer", new { hCall = transferred });
        await alice.StateAsync(hCall, "CONNECTED", "ACTIVE");
        var info = await alice.InfoAsync(hCall);
        Assert.EndsWith(Line(2).Number, info["connected"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        Assert.EndsWith(Line(1).Number, info["redirecting"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        Assert.Equal("TRANSFER", info["reasonName"]!.Value<string>());

        await DropAsync(carol, transferred);
        await alice.StateAsync(hCall, "IDLE");
    }

    [Fact]
    public async Task A_consultation_call_is_set_up_dialled_swapped_and_completed_in_transfer_mode()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        await using var carol = await ConnectAsync("carol");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var carolLine = await carol.OpenAsync(Line(2).DeviceId);
        var (aliceCall, original) = await AnsweredCallAsync(alice, aliceLine, bob, bobLine, Line(1));
        var (consult, carolCall) = await ConsultAsync(bob, original, carol, carolLine, Line(2));

        await bob.RequestAsync("lineSwapHold", new { hActiveCall = consult, hHeldCall = original });
        await bob.StateAsync(original, "CONNECTED", "ACTIVE");
        await bob.StateAsync(consult, "ONHOLDPENDTRANSFER"); // the transfer relation swaps roles (docs/tapi-mapping.md §3.12)
        await bob.RequestAsync("lineSwapHold", new { hActiveCall = original, hHeldCall = consult });
        await bob.StateAsync(consult, "CONNECTED", "ACTIVE");
        await bob.StateAsync(original, "ONHOLDPENDTRANSFER");
        Assert.Contains("COMPLETETRANSF", (await bob.StatusAsync(original))["callFeaturesName"]!.Value<string>()!.Split('|'));

        var completed = await bob.RequestAsync("lineCompleteTransfer", new { hCall = original, hConsultCall = consult, transferMode = "TRANSFER" });

        Assert.Null(completed["hConfCall"]);
        await bob.StateAsync(original, "DISCONNECTED", "NORMAL");
        await bob.StateAsync(original, "IDLE");
        await bob.StateAsync(consult, "DISCONNECTED", "NORMAL");
        await bob.StateAsync(consult, "IDLE");

        // The transfer's own LINE_CALLINFO (REASON|CONNECTEDID|REDIRECTINGID) of each remote party: it comes with that
        // party's CallTransferredEvent, a separate event after bob's released calls, so bob's IDLE does not mean it was
        // applied yet (the CONNECTEDID of the answer was taken when the calls were connected).
        await alice.CallInfoAsync(aliceCall, "CONNECTEDID");
        await carol.CallInfoAsync(carolCall, "CONNECTEDID");
        Assert.EndsWith(Line(2).Number, (await alice.InfoAsync(aliceCall))["connected"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        Assert.EndsWith(Line(0).Number, (await carol.InfoAsync(carolCall))["connected"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        Assert.Equal("CONNECTED", (await alice.StatusAsync(aliceCall))["callStateName"]!.Value<string>());

        await DropAsync(alice, aliceCall);
        await carol.StateAsync(carolCall, "IDLE");
    }

    [Fact]
    public async Task A_consultation_completed_in_conference_mode_makes_a_conference_which_lineAddToConference_extends_and_lineDrop_ends()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        await using var carol = await ConnectAsync("carol");
        await using var dave = await ConnectAsync("dave");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var carolLine = await carol.OpenAsync(Line(2).DeviceId);
        var daveLine = await dave.OpenAsync(Line(3).DeviceId);
        var (aliceCall, original) = await AnsweredCallAsync(alice, aliceLine, bob, bobLine, Line(1));
        var (consult, carolCall) = await ConsultAsync(bob, original, carol, carolLine, Line(2));

        var completed = await bob.RequestAsync("lineCompleteTransfer", new { hCall = original, hConsultCall = consult, transferMode = 2 });

        var conference = completed["hConfCall"]!.Value<uint>();
        await bob.StateAsync(conference, "CONNECTED", "ACTIVE");
        var originalJoined = await bob.StateAsync(original, "CONFERENCED");
        var consultJoined = await bob.StateAsync(consult, "CONFERENCED");
        Assert.Equal(conference, originalJoined.Payload["param2"]!.Value<uint>());
        Assert.Equal(conference, consultJoined.Payload["param2"]!.Value<uint>());
        Assert.Equal(conference, (await bob.StatusAsync(original))["callStateMode"]!.Value<uint>());
        var conferenceInfo = await bob.InfoAsync(conference);
        Assert.Equal("CONFERENCE", conferenceInfo["originName"]!.Value<string>());
        Assert.Equal(conferenceInfo["callId"]!.Value<uint>(), (await bob.InfoAsync(consult))["relatedCallId"]!.Value<uint>());

        // A third party: hold the conference, call it, add it (docs/tapi-mapping.md §3.11).
        await bob.RequestAsync("lineHold", new { hCall = conference });
        await bob.StateAsync(conference, "ONHOLD");
        var (added, daveCall) = await AnsweredCallAsync(bob, bobLine, dave, daveLine, Line(3));
        Assert.Contains("ADDTOCONF", (await bob.StatusAsync(added))["callFeaturesName"]!.Value<string>()!.Split('|'));
        await bob.RequestAsync("lineAddToConference", new { hConfCall = conference, hConsultCall = added });
        await bob.StateAsync(conference, "CONNECTED", "ACTIVE");
        var addedJoined = await bob.StateAsync(added, "CONFERENCED");
        Assert.Equal(conference, addedJoined.Payload["param2"]!.Value<uint>());

        await DropAsync(bob, conference);
        foreach (var leg in new[] { original, consult, added })
        {
            await bob.StateAsync(leg, "IDLE");
        }

        await alice.StateAsync(aliceCall, "IDLE");
        await carol.StateAsync(carolCall, "IDLE");
        await dave.StateAsync(daveCall, "IDLE");
    }

    /// <summary>
    /// lineSetupTransfer of <paramref name="original"/> (ONHOLDPENDTRANSFER, consultation call DIALTONE), lineDial of the
    /// consultation call to <paramref name="to"/>, which answers (the answer's CONNECTEDID of both calls is taken, as in
    /// <see cref="ApplicationApiTest.AnsweredCallAsync"/>). Returns the consultation call and the target's call.
    /// </summary>
    private static async Task<(uint Consult, uint TargetCall)> ConsultAsync(ApiApplication app, uint original, ApiApplication target, uint targetLine, DemoLine to)
    {
        var setup = await app.RequestAsync("lineSetupTransfer", new { hCall = original });
        var consult = setup["hConsultCall"]!.Value<uint>();
        await app.StateAsync(original, "ONHOLDPENDTRANSFER");
        await app.StateAsync(consult, "DIALTONE", "UNAVAIL");
        var originalId = (await app.InfoAsync(original))["callId"]!.Value<uint>();
        Assert.Equal(originalId, (await app.InvokeObjectAsync("lineGetCallIDs", new { hCall = consult }))["relatedCallId"]!.Value<uint>());

        await app.RequestAsync("lineDial", new { hCall = consult, destAddress = to.Number });
        await app.StateAsync(consult, "PROCEEDING");
        await app.StateAsync(consult, "RINGBACK");
        var targetCall = (await target.NewCallAsync(targetLine)).Payload["param2"]!.Value<uint>();
        await target.StateAsync(targetCall, "OFFERING", "ACTIVE");
        await target.RequestAsync("lineAnswer", new { hCall = targetCall });
        await target.StateAsync(targetCall, "CONNECTED", "ACTIVE");
        await app.StateAsync(consult, "CONNECTED", "ACTIVE");
        await TakeAnswerConnectedIdAsync(target, targetCall);
        await TakeAnswerConnectedIdAsync(app, consult);
        return (consult, targetCall);
    }
}

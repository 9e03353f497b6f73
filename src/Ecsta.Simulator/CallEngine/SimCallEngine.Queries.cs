namespace Ecsta.Simulator.CallEngine;

public sealed partial class SimCallEngine
{
    /// <summary>The user's live calls in creation order.</summary>
    public IReadOnlyList<CallSnapshot> GetCalls(string userId)
    {
        lock (_gate)
        {
            return [.. _calls[RequireUser(userId).UserId].Where(c => c.State.IsLive()).Select(c => c.Snapshot())];
        }
    }

    /// <summary>One call of the user (404 when unknown).</summary>
    public CallSnapshot GetCall(string userId, string callId)
    {
        lock (_gate)
        {
            return RequireCall(RequireUser(userId), callId).Snapshot();
        }
    }

    /// <summary>Hook status of the user.</summary>
    public string GetHookStatus(string userId)
    {
        lock (_gate)
        {
            return _hook[RequireUser(userId).UserId];
        }
    }

    /// <summary>The user's conference, or null.</summary>
    public ConferenceSnapshot? GetConference(string userId)
    {
        lock (_gate)
        {
            return _conferences.TryGetValue(RequireUser(userId).UserId, out var conference) ? conference.Snapshot() : null;
        }
    }

    /// <summary>DTMF digit strings sent on a call (for test assertions).</summary>
    public IReadOnlyList<string> GetDtmf(string userId, string callId)
    {
        lock (_gate)
        {
            return [.. RequireCall(RequireUser(userId), callId).DtmfSent];
        }
    }

    /// <summary>The CallSubscriptionEvent the user would get now (initial event of a subscription).</summary>
    public SimEvent CreateSubscriptionSnapshot(string userId)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var calls = _calls[user.UserId].Where(c => c.State.IsLive()).Select(c => c.Snapshot()).ToList();
            return new SimEvent
            {
                UserId = user.UserId,
                EventType = SimEventTypes.CallSubscription,
                Calls = calls.Count == 0 ? null : calls,
                HookStatus = _hook[user.UserId],
            };
        }
    }
}

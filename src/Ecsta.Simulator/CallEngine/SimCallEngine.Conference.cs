namespace Ecsta.Simulator.CallEngine;

public sealed partial class SimCallEngine
{
    /// <summary><c>POST calls/Conference</c>: starts a conference of at least two of the user's calls.</summary>
    public ConferenceSnapshot StartConference(string userId, IReadOnlyList<string> callIds)
    {
        ArgumentNullException.ThrowIfNull(callIds);
        lock (_gate)
        {
            var user = RequireUser(userId);
            if (callIds.Count < 2 || callIds.Distinct(StringComparer.Ordinal).Count() != callIds.Count)
            {
                throw new CallEngineException(400, "A conference needs at least two different calls");
            }

            if (_conferences.ContainsKey(user.UserId))
            {
                throw new CallEngineException(400, "A conference already exists");
            }

            var legs = callIds.Select(id => RequireCall(user, id)).ToList();
            if (legs.Any(l => l.State == CallState.Alerting && l.Personality != CallPersonality.Originator))
            {
                throw new CallEngineException(400, "Alerting calls cannot join a conference");
            }

            var used = _calls[user.UserId].Select(c => c.Appearance).ToHashSet();
            var appearance = 1;
            while (used.Contains(appearance))
            {
                appearance++;
            }

            var conference = new ConferenceState { Appearance = appearance };
            foreach (var leg in legs)
            {
                leg.InConference = true;
                conference.Legs.Add(leg);
            }

            _conferences[user.UserId] = conference;
            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.ConferenceStarted, Conference = conference.Snapshot() });
            foreach (var leg in legs.Where(l => l.State == CallState.Held))
            {
                Retrieve(leg);
            }

            return conference.Snapshot();
        }
    }

    /// <summary><c>PUT calls/Conference/{callId}</c>: adds one call.</summary>
    public void AddToConference(string userId, string callId)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var conference = RequireConference(user);
            var leg = RequireCall(user, callId);
            if (leg.InConference)
            {
                throw new CallEngineException(400, "The call is already in the conference");
            }

            leg.InConference = true;
            conference.Legs.Add(leg);
            conference.State = "Active";
            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.ConferenceUpdated, Conference = conference.Snapshot() });
            if (leg.State == CallState.Held)
            {
                Retrieve(leg);
            }
        }
    }

    /// <summary><c>PUT calls/Conference/Hold</c>.</summary>
    public void HoldConference(string userId)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var conference = RequireConference(user);
            conference.State = "Held";
            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.ConferenceHeld, Conference = conference.Snapshot() });
        }
    }

    /// <summary><c>PUT calls/Conference/Talk</c>.</summary>
    public void RetrieveConference(string userId)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var conference = RequireConference(user);
            conference.State = "Active";
            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.ConferenceRetrieved, Conference = conference.Snapshot() });
        }
    }

    /// <summary><c>DELETE calls/Conference</c>: releases every leg, then the conference.</summary>
    public void ReleaseConference(string userId)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var conference = RequireConference(user);
            _conferences.Remove(user.UserId);
            foreach (var leg in conference.Legs.ToList())
            {
                leg.InConference = false;
                ReleaseLocally(leg);
            }

            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.ConferenceReleased, Conference = new ConferenceSnapshot("Released", conference.Appearance, []) });
        }
    }

    private ConferenceState RequireConference(SimUser user) =>
        _conferences.GetValueOrDefault(user.UserId) ?? throw new CallEngineException(404, "No conference");

    private void LeaveConference(CallHalf half)
    {
        if (!half.InConference || !_conferences.TryGetValue(half.Owner.UserId, out var conference))
        {
            return;
        }

        half.InConference = false;
        conference.Legs.Remove(half);
        if (conference.Legs.Count >= 2)
        {
            Emit(new SimEvent { UserId = half.Owner.UserId, EventType = SimEventTypes.ConferenceUpdated, Conference = conference.Snapshot() });
            return;
        }

        _conferences.Remove(half.Owner.UserId);
        foreach (var leg in conference.Legs)
        {
            leg.InConference = false;
        }

        Emit(new SimEvent { UserId = half.Owner.UserId, EventType = SimEventTypes.ConferenceReleased, Conference = new ConferenceSnapshot("Released", conference.Appearance, []) });
    }
}

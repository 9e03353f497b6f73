namespace Ecsta.Abstractions.Platform;

/// <summary>The user's conference as BroadWorks reports it (the XSI <c>conference</c> element).</summary>
/// <param name="State">Conference state: <see cref="BroadWorksCallState.Active"/>, <see cref="BroadWorksCallState.Held"/> or <see cref="BroadWorksCallState.Released"/>.</param>
/// <param name="ParticipantCallIds">Call ids of the user's call halves in the conference.</param>
public sealed record ConferenceInfo(BroadWorksCallState State, IReadOnlyList<string> ParticipantCallIds);

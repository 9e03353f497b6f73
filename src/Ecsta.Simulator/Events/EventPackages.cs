using System.Collections.Frozen;
using Ecsta.Simulator.CallEngine;

namespace Ecsta.Simulator.Events;

/// <summary>Event packages and the event types each delivers (docs/broadworks.md §4.2).</summary>
internal static class EventPackages
{
    private static readonly string[] Basic =
    [
        SimEventTypes.CallOriginating, SimEventTypes.CallOriginated, SimEventTypes.CallReceived, SimEventTypes.CallAnswered,
        SimEventTypes.CallReleasing, SimEventTypes.CallReleased, SimEventTypes.CallSubscription, SimEventTypes.HookStatusChanged,
    ];

    private static readonly string[] Standard =
    [
        .. Basic, SimEventTypes.CallHeld, SimEventTypes.CallRetrieved, SimEventTypes.CallTransferred, SimEventTypes.CallUpdated,
        SimEventTypes.CallForwarded, SimEventTypes.ConferenceStarted, SimEventTypes.ConferenceHeld, SimEventTypes.ConferenceRetrieved,
        SimEventTypes.ConferenceUpdated, SimEventTypes.ConferenceReleased,
    ];

    private static readonly FrozenDictionary<string, FrozenSet<string>> Packages = new Dictionary<string, FrozenSet<string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["Basic Call"] = Basic.ToFrozenSet(StringComparer.Ordinal),
        ["Standard Call"] = Standard.ToFrozenSet(StringComparer.Ordinal),
        ["Advanced Call"] = Standard.Concat([SimEventTypes.CallRedirected, SimEventTypes.CallDetached]).ToFrozenSet(StringComparer.Ordinal),
        ["Call Forwarding Always"] = new[] { SimEventTypes.CallForwardingAlways }.ToFrozenSet(StringComparer.Ordinal),
        ["Call Forwarding Busy"] = new[] { SimEventTypes.CallForwardingBusy }.ToFrozenSet(StringComparer.Ordinal),
        ["Call Forwarding No Answer"] = new[] { SimEventTypes.CallForwardingNoAnswer }.ToFrozenSet(StringComparer.Ordinal),
        ["Do Not Disturb"] = new[] { SimEventTypes.DoNotDisturb }.ToFrozenSet(StringComparer.Ordinal),
        ["Remote Office"] = new[] { SimEventTypes.RemoteOffice }.ToFrozenSet(StringComparer.Ordinal),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, (string Service, string EventType)> ServicePackages = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["Call Forwarding Always"] = (SimServiceNames.CallForwardingAlways, SimEventTypes.CallForwardingAlways),
        ["Call Forwarding Busy"] = (SimServiceNames.CallForwardingBusy, SimEventTypes.CallForwardingBusy),
        ["Call Forwarding No Answer"] = (SimServiceNames.CallForwardingNoAnswer, SimEventTypes.CallForwardingNoAnswer),
        ["Do Not Disturb"] = (SimServiceNames.DoNotDisturb, SimEventTypes.DoNotDisturb),
        ["Remote Office"] = (SimServiceNames.RemoteOffice, SimEventTypes.RemoteOffice),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical package name, or null when unknown.</summary>
    public static string? Canonical(string? package) =>
        package is not null && Packages.TryGetValue(package, out _) ? Packages.Keys.First(k => string.Equals(k, package, StringComparison.OrdinalIgnoreCase)) : null;

    public static bool Delivers(string package, string eventType) =>
        string.Equals(eventType, "Raw", StringComparison.Ordinal) || (Packages.TryGetValue(package, out var types) && types.Contains(eventType));

    public static bool IsCallPackage(string package) => package.EndsWith(" Call", StringComparison.OrdinalIgnoreCase);

    public static (string Service, string EventType)? ServiceOf(string package) =>
        ServicePackages.TryGetValue(package, out var service) ? service : null;
}

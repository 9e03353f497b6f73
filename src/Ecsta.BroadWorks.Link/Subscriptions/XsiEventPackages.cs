namespace Ecsta.BroadWorks.Link.Subscriptions;

/// <summary>The event packages subscribed (docs/broadworks.md §4.2).</summary>
public static class XsiEventPackages
{
    public const string AdvancedCall = "Advanced Call";

    public static IReadOnlyList<string> All { get; } =
    [
        AdvancedCall, "Call Forwarding Always", "Call Forwarding Busy", "Call Forwarding No Answer", "Do Not Disturb", "Remote Office",
    ];
}

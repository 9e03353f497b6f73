using Ecsta.Plugins.Transport.Xsi.Http;

namespace Ecsta.Plugins.Transport.Xsi.Events;

/// <summary>What a subscription watches: one user, or a whole group (server mode).</summary>
/// <param name="Key">Stable key (<c>user:{id}</c> or <c>group:{sp}/{group}</c>).</param>
/// <param name="Path">The Xsi-Events path to POST the subscription to.</param>
/// <param name="UserId">The user, for user targets.</param>
internal sealed record XsiSubscriptionTarget(string Key, string Path, string? UserId)
{
    public static XsiSubscriptionTarget User(string userId) => new("user:" + userId, XsiPaths.UserSubscription(userId), userId);

    public static XsiSubscriptionTarget Group(GroupIdentity group) =>
        new($"group:{group.ParentId}/{group.GroupId}", XsiPaths.GroupSubscription(group.IsEnterprise, group.ParentId, group.GroupId), null);
}

/// <summary>A group as the profile names it.</summary>
/// <param name="ParentId">Enterprise or service provider id.</param>
/// <param name="GroupId">Group id.</param>
/// <param name="IsEnterprise">Whether the parent is an enterprise (<c>/enterprise/</c>) or a service provider (<c>/serviceprovider/</c>).</param>
internal sealed record GroupIdentity(string ParentId, string GroupId, bool IsEnterprise);

/// <summary>One subscription the link holds: tracked by id, refreshed with PUT before it expires.</summary>
internal sealed class TrackedSubscription
{
    public required XsiSubscriptionTarget Target { get; init; }

    public required string Package { get; init; }

    public required string SubscriptionId { get; set; }

    public int Expires { get; set; }

    public DateTimeOffset RefreshDue { get; set; }

    public string Key => Target.Key + "|" + Package;
}

/// <summary>The event packages subscribed (BROADWORKS.md §4.2).</summary>
internal static class XsiEventPackages
{
    public const string AdvancedCall = "Advanced Call";

    public static IReadOnlyList<string> All { get; } =
    [
        AdvancedCall, "Call Forwarding Always", "Call Forwarding Busy", "Call Forwarding No Answer", "Do Not Disturb", "Remote Office",
    ];
}

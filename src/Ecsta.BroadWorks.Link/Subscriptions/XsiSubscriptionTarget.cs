using Ecsta.BroadWorks.Link.Actions;

namespace Ecsta.BroadWorks.Link.Subscriptions;

/// <summary>What a subscription watches: one user, or a whole group (server mode).</summary>
/// <param name="Key">Stable key (<c>user:{id}</c> or <c>group:{sp}/{group}</c>).</param>
/// <param name="Path">The Xsi-Events path to POST the subscription to.</param>
/// <param name="UserId">The user, for user targets.</param>
public sealed record XsiSubscriptionTarget(string Key, string Path, string? UserId)
{
    public static XsiSubscriptionTarget User(string userId) => new("user:" + userId, XsiPaths.UserSubscription(userId), userId);

    public static XsiSubscriptionTarget Group(GroupIdentity group) =>
        new($"group:{group.ParentId}/{group.GroupId}", XsiPaths.GroupSubscription(group.IsEnterprise, group.ParentId, group.GroupId), null);
}

namespace Ecsta.BroadWorks.Link.Subscriptions;

/// <summary>A group as the profile names it.</summary>
/// <param name="ParentId">Enterprise or service provider id.</param>
/// <param name="GroupId">Group id.</param>
/// <param name="IsEnterprise">Whether the parent is an enterprise (<c>/enterprise/</c>) or a service provider (<c>/serviceprovider/</c>).</param>
public sealed record GroupIdentity(string ParentId, string GroupId, bool IsEnterprise);

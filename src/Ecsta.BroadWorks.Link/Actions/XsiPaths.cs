namespace Ecsta.BroadWorks.Link.Actions;

/// <summary>The XSI paths (docs/broadworks.md §1–§4), relative to the URL prefix.</summary>
public static class XsiPaths
{
    public const string Actions = "com.broadsoft.xsi-actions/v2.0";
    public const string Events = "com.broadsoft.xsi-events/v2.0";
    public const string StreamingChannel = "com.broadsoft.async/com.broadsoft.xsi-events/v2.0/channel";

    public static string E(string segment) => Uri.EscapeDataString(segment);

    public static string User(string userId) => $"{Actions}/user/{E(userId)}";

    public static string Calls(string userId) => User(userId) + "/calls";

    public static string Call(string userId, string callId) => $"{Calls(userId)}/{E(callId)}";

    public static string Conference(string userId) => Calls(userId) + "/Conference";

    public static string Service(string userId, string serviceName) => $"{User(userId)}/services/{serviceName}";

    public static string ActionsVersions => Actions + "/versions";

    public static string Channel(string channelId) => $"{Events}/channel/{E(channelId)}";

    public static string Heartbeat(string channelId) => Channel(channelId) + "/heartbeat";

    public static string EventResponse => Events + "/channel/eventresponse";

    public static string Subscription(string subscriptionId) => $"{Events}/subscription/{E(subscriptionId)}";

    public static string UserSubscription(string userId) => $"{Events}/user/{E(userId)}";

    public static string GroupSubscription(bool isEnterprise, string parentId, string groupId) =>
        $"{Events}/{(isEnterprise ? "enterprise" : "serviceprovider")}/{E(parentId)}/group/{E(groupId)}";

    public static string Query(string name, string value) => name + "=" + Uri.EscapeDataString(value);
}

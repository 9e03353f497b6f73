using Ecsta.BroadWorks.Xsi;
using Ecsta.Simulator.CallEngine;

namespace Ecsta.Simulator.Xsi;

internal sealed partial class XsiDispatcher
{
    private SimResponse EventsRequest(SimRequest request, string[] s)
    {
        if (s.Length == 0)
        {
            return NotFound();
        }

        var method = request.Method;
        switch (s[0].ToUpperInvariant())
        {
            case "VERSIONS" when s.Length == 1:
                return Versions();
            case "CHANNEL" when s.Length == 2 && Is(s[1], "eventresponse"):
                if (method != "POST")
                {
                    return MethodNotAllowed();
                }

                var response = XsiReader.Read<XsiEventResponse>(request.Body);
                _hub.Acknowledge(response.EventId);
                return SimResponse.Ok();
            case "CHANNEL" when s.Length == 3 && Is(s[2], "heartbeat"):
                if (method != "PUT")
                {
                    return MethodNotAllowed();
                }

                return _hub.Heartbeat(s[1]) ? SimResponse.Ok() : SimResponse.Error(404, "Channel not found: " + s[1]);
            case "CHANNEL" when s.Length == 2:
                return Channel(request, s[1]);
            case "CHANNELSET" when s.Length == 2 && method == "GET":
                return _hub.GetChannelSet(s[1]) is { } set ? SimResponse.Ok(set) : SimResponse.Error(404, "Channel set not found");
            case "USER" when s.Length == 2 && method == "POST":
                return Subscribe(request, TargetUser(request, s[1]), null);
            case "ENTERPRISE" or "SERVICEPROVIDER" when s.Length == 4 && Is(s[2], "group") && method == "POST":
                return Subscribe(request, null, TargetGroup(request, s[1], s[3]));
            case "SUBSCRIPTION" when s.Length == 2:
                return SubscriptionById(request, s[1]);
            case "SUBSCRIPTIONS" when s.Length == 1 && method == "GET":
                return new SimResponse(200, RawBody: LocalDocuments.SubscriptionList(_hub.ListSubscriptions(request.Principal)));
            default:
                return NotFound();
        }
    }

    private SimResponse Channel(SimRequest request, string channelId)
    {
        switch (request.Method)
        {
            case "PUT":
                var body = XsiReader.Read<XsiChannel>(request.Body);
                return _hub.RefreshChannel(channelId, body.Expires) is { } refreshed ? SimResponse.Ok(refreshed) : SimResponse.Error(404, "Channel not found: " + channelId);
            case "DELETE":
                return _hub.TerminateChannel(channelId, "ChannelDeleted") ? SimResponse.Ok() : SimResponse.Error(404, "Channel not found: " + channelId);
            default:
                return MethodNotAllowed();
        }
    }

    private SimGroup TargetGroup(SimRequest request, string parentId, string groupId)
    {
        var group = _engine.Users.Select(u => u.Group).Distinct()
            .FirstOrDefault(g => string.Equals(g.GroupId, groupId, StringComparison.Ordinal) && string.Equals(g.ServiceProviderId, parentId, StringComparison.Ordinal));
        return group is not null && request.Principal.CanActOnGroup(group)
            ? group
            : throw new CallEngineException(403, "Not authorized for group " + parentId + "/" + groupId);
    }

    private SimResponse Subscribe(SimRequest request, SimUser? user, SimGroup? group)
    {
        var body = XsiReader.Read<XsiSubscription>(request.Body);
        return SimResponse.Ok(_hub.Subscribe(request.Principal, user, group, body));
    }

    private SimResponse SubscriptionById(SimRequest request, string subscriptionId)
    {
        switch (request.Method)
        {
            case "GET":
                return _hub.GetSubscription(request.Principal, subscriptionId) is { } found ? SimResponse.Ok(found) : SimResponse.Error(404, "Subscription not found");
            case "PUT":
                var body = XsiReader.Read<XsiSubscription>(request.Body);
                return _hub.RefreshSubscription(request.Principal, subscriptionId, body.Expires) is { } refreshed ? SimResponse.Ok(refreshed) : SimResponse.Error(404, "Subscription not found");
            case "DELETE":
                return _hub.DeleteSubscription(request.Principal, subscriptionId) ? SimResponse.Ok() : SimResponse.Error(404, "Subscription not found");
            default:
                return MethodNotAllowed();
        }
    }
}

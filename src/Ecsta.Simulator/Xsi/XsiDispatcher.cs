using Ecsta.BroadWorks.Xsi;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;
using Serilog;

namespace Ecsta.Simulator.Xsi;

/// <summary>
/// Dispatches Xsi-Actions and Xsi-Events requests (everything except the streaming channel add)
/// to the engine and the event hub; shared by the HTTP server and the CTI server.
/// </summary>
internal sealed partial class XsiDispatcher
{
    public const string ActionsContext = "com.broadsoft.xsi-actions";
    public const string EventsContext = "com.broadsoft.xsi-events";
    public const string AsyncContext = "com.broadsoft.async";

    private readonly SimCallEngine _engine;
    private readonly EventHub _hub;
    private readonly ILogger _log;

    public XsiDispatcher(SimCallEngine engine, EventHub hub, ILogger logger)
    {
        _engine = engine;
        _hub = hub;
        _log = logger;
    }

    public SimResponse Dispatch(SimRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        try
        {
            if (segments.Length >= 2 && Is(segments[1], "v2.0"))
            {
                if (Is(segments[0], ActionsContext))
                {
                    return Actions(request, segments[2..]);
                }

                if (Is(segments[0], EventsContext))
                {
                    return EventsRequest(request, segments[2..]);
                }
            }

            return NotFound();
        }
        catch (CallEngineException ex)
        {
            return SimResponse.Error(ex.StatusCode, ex.Message, ex.ErrorCode == 0 ? null : ex.ErrorCode);
        }
        catch (XsiFormatException ex)
        {
            _log.Debug(ex, "Unreadable request body for {Path}", request.Path);
            return SimResponse.Error(400, "Invalid request body: " + ex.Message);
        }
    }

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);

    private static SimResponse NotFound() => SimResponse.Error(404, "Not found");

    private static SimResponse MethodNotAllowed() => SimResponse.Error(405, "Method not allowed");

    private static SimResponse Versions() => SimResponse.Ok(new XsiVersions("21.0", "21.0"));

    private SimUser TargetUser(SimRequest request, string userId)
    {
        var user = _engine.FindUser(userId);
        if (user is null)
        {
            // Same answer as for a user outside the principal's reach: no user enumeration.
            throw new CallEngineException(403, "Not authorized for user " + userId);
        }

        return request.Principal.CanActOn(user) ? user : throw new CallEngineException(403, "Not authorized for user " + userId);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Faults;

namespace Ecsta.Simulator.Xsi;

/// <summary>
/// <c>POST /sim/admin/{action}?…</c> with header <c>X-Sim-Admin-Token</c>: fault injection and
/// scripting from outside the process (the library API does the same from tests).
/// </summary>
internal sealed class AdminEndpoint
{
    public const string PathPrefix = "/sim/admin/";
    public const string TokenHeader = "X-Sim-Admin-Token";

    private readonly string _token;
    private readonly SimulatorFaults _faults;
    private readonly SimCallEngine _engine;

    public AdminEndpoint(string token, SimulatorFaults faults, SimCallEngine engine)
    {
        _token = token;
        _faults = faults;
        _engine = engine;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var given = request.Headers[TokenHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(_token)))
        {
            await Reply(context, 403, "invalid admin token").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            await Reply(context, 405, "use POST").ConfigureAwait(false);
            return;
        }

        var action = request.Path.Value![PathPrefix.Length..].Trim('/').ToLowerInvariant();
        string Q(string name) => request.Query[name].FirstOrDefault() ?? throw new CallEngineException(400, "missing query parameter " + name);
        int QInt(string name) => int.Parse(Q(name), NumberStyles.Integer, CultureInfo.InvariantCulture);
        try
        {
            var result = action switch
            {
                "drop-connections" => Do(_faults.DropAllConnections),
                "ignore-heartbeats" => Do(() => _faults.IgnoreHeartbeats = bool.Parse(Q("on"))),
                "terminate-channel" => _faults.TerminateChannel(Q("channelId")) ? "ok" : throw new CallEngineException(404, "unknown channel"),
                "fail" => Do(() => _faults.FailNextRequests(QInt("count"), request.Query.ContainsKey("status") ? QInt("status") : 503)),
                "delay" => Do(() => _faults.ResponseDelay = TimeSpan.FromMilliseconds(QInt("ms"))),
                "password" => Do(() => _faults.ChangePassword(Q("userId"), Q("password"))),
                "restart" => Do(_faults.Restart),
                "phantom" => _faults.EmitPhantomCall(Q("userId")),
                "malformed" => Do(() => _faults.EmitMalformedDocument(Q("userId"))),
                "unknown" => Do(() => _faults.EmitUnknownDocument(Q("userId"))),
                "incoming" => _engine.PlaceIncomingCall(Q("from"), Q("to")).ExtTrackingId,
                "farend" => Do(() => _engine.FarEnds.Set(Q("pattern"), ParseFarEnd(Q("action"), request.Query["ms"].FirstOrDefault()))),
                _ => throw new CallEngineException(404, "unknown admin action " + action),
            };
            await Reply(context, 200, result).ConfigureAwait(false);
        }
        catch (CallEngineException ex)
        {
            await Reply(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            await Reply(context, 400, ex.Message).ConfigureAwait(false);
        }
    }

    private static FarEndBehavior ParseFarEnd(string action, string? ms) => action.ToLowerInvariant() switch
    {
        "answer" => FarEndBehavior.AnswerAfterDelay(TimeSpan.FromMilliseconds(ms is null ? 0 : int.Parse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture))),
        "busy" => FarEndBehavior.Busy,
        "never" => FarEndBehavior.NeverAnswer,
        "reject" => FarEndBehavior.Reject,
        _ => throw new CallEngineException(400, "action must be answer, busy, never or reject"),
    };

    private static string Do(Action action)
    {
        action();
        return "ok";
    }

    private static Task Reply(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain;charset=UTF-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }
}

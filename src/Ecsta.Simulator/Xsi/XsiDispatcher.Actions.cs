using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Directory;
using Ecsta.BroadWorks.Xsi.Services;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Wire;

namespace Ecsta.Simulator.Xsi;

internal sealed partial class XsiDispatcher
{
    private SimResponse Actions(SimRequest request, string[] s)
    {
        if (s.Length == 1 && Is(s[0], "versions"))
        {
            return Versions();
        }

        if (s.Length < 3 || !Is(s[0], "user"))
        {
            return NotFound();
        }

        var user = TargetUser(request, s[1]);
        var rest = s[2..];
        return rest[0].ToUpperInvariant() switch
        {
            "CALLS" => Calls(request, user, rest[1..]),
            "SERVICES" => Services(request, user, rest[1..]),
            "PROFILE" when rest.Length == 1 && request.Method == "GET" => SimResponse.Ok(Profile(user)),
            "DIRECTORIES" when rest.Length == 2 && request.Method == "GET" => Directory(request, user, rest[1]),
            _ => NotFound(),
        };
    }

    private SimResponse Calls(SimRequest request, SimUser user, string[] s)
    {
        var uid = user.UserId;
        var method = request.Method;
        if (s.Length == 0)
        {
            return method == "GET" ? SimResponse.Ok(CallList(user)) : MethodNotAllowed();
        }

        var head = s[0];
        if (Is(head, "new") && s.Length == 1)
        {
            if (method != "POST")
            {
                return MethodNotAllowed();
            }

            var started = _engine.Dial(uid, request.QueryValue("address") ?? throw new CallEngineException(400, "Missing address"));
            return new SimResponse(201, new XsiCallStartInfo(started.CallId, started.ExternalTrackingId), $"/{ActionsContext}/v2.0/user/{uid}/calls/{started.CallId}");
        }

        if (Is(head, "HookStatus") && s.Length == 1)
        {
            return method == "GET" ? SimResponse.Ok(new XsiHookStatus(_engine.GetHookStatus(uid))) : MethodNotAllowed();
        }

        if (Is(head, "Conference"))
        {
            return Conference(request, uid, s[1..]);
        }

        if (s.Length == 1)
        {
            switch (method)
            {
                case "GET":
                    return SimResponse.Ok(WireMapping.ToXsi(_engine.GetCall(uid, head)));
                case "DELETE":
                    _engine.Release(uid, head, string.Equals(request.QueryValue("decline"), "true", StringComparison.OrdinalIgnoreCase));
                    return SimResponse.Ok();
                default:
                    return MethodNotAllowed();
            }
        }

        if (method != "PUT")
        {
            return MethodNotAllowed();
        }

        var command = s[1].ToUpperInvariant();
        switch (command)
        {
            case "TALK" when s.Length == 2:
                _engine.Talk(uid, head);
                break;
            case "HOLD" when s.Length == 2:
                _engine.Hold(uid, head);
                break;
            case "RECONNECT" when s.Length == 2:
                _engine.Reconnect(uid, head);
                break;
            case "BLINDTRANSFER" when s.Length == 2:
                _engine.BlindTransfer(uid, head, request.QueryValue("address") ?? throw new CallEngineException(400, "Missing address"));
                break;
            case "TRANSMITDTMF" when s.Length == 2:
                _engine.TransmitDtmf(uid, head, request.QueryValue("playdtmf") ?? throw new CallEngineException(400, "Missing playdtmf"));
                break;
            case "CONSULTTRANSFER" when s.Length == 3:
                _engine.ConsultTransfer(uid, head, s[2]);
                break;
            default:
                return NotFound();
        }

        return SimResponse.Ok();
    }

    private XsiCalls CallList(SimUser user) => new(new ValueList<XsiCallReference>(_engine.GetCalls(user.UserId)
        .Select(c => new XsiCallReference(c.CallId, $"/v2.0/user/{user.UserId}/calls/{c.CallId}", c.InConference))));

    private SimResponse Conference(SimRequest request, string uid, string[] s)
    {
        var method = request.Method;
        if (s.Length == 0)
        {
            switch (method)
            {
                case "POST":
                    var body = XsiReader.Read<XsiConference>(request.Body);
                    _engine.StartConference(uid, [.. body.ParticipantCallIds]);
                    return SimResponse.Ok();
                case "GET":
                    var conference = _engine.GetConference(uid) ?? throw new CallEngineException(404, "No conference");
                    return SimResponse.Ok(WireMapping.ToXsi(conference) with { ConferenceType = "Three-Way" });
                case "DELETE":
                    _engine.ReleaseConference(uid);
                    return SimResponse.Ok();
                default:
                    return MethodNotAllowed();
            }
        }

        if (s.Length != 1 || method != "PUT")
        {
            return s.Length == 1 ? MethodNotAllowed() : NotFound();
        }

        if (Is(s[0], "Hold"))
        {
            _engine.HoldConference(uid);
        }
        else if (Is(s[0], "Talk"))
        {
            _engine.RetrieveConference(uid);
        }
        else
        {
            _engine.AddToConference(uid, s[0]);
        }

        return SimResponse.Ok();
    }

    private SimResponse Services(SimRequest request, SimUser user, string[] s)
    {
        if (s.Length == 0)
        {
            return request.Method == "GET" ? new SimResponse(200, RawBody: LocalDocuments.Services(user.UserId, ServedServices)) : MethodNotAllowed();
        }

        var name = ServedServices.FirstOrDefault(n => Is(n, s[0]));
        if (s.Length != 1 || name is null)
        {
            return NotFound();
        }

        switch (request.Method)
        {
            case "GET":
                return SimResponse.Ok(WireMapping.ToServiceDocument(name, _engine.GetService(user.UserId, name)));
            case "PUT":
                var document = XsiReader.Read(request.Body) as XsiServiceDocument;
                if (document is null || !string.Equals(document.ServiceName, name, StringComparison.Ordinal))
                {
                    throw new CallEngineException(400, "The body must be a " + name + " document");
                }

                _engine.SetService(user.UserId, name, WireMapping.ToChange(document));
                return SimResponse.Ok();
            default:
                return MethodNotAllowed();
        }
    }

    private static readonly string[] ServedServices =
    [
        SimServiceNames.CallForwardingAlways, SimServiceNames.CallForwardingBusy, SimServiceNames.CallForwardingNoAnswer,
        SimServiceNames.DoNotDisturb, SimServiceNames.RemoteOffice,
    ];

    private static XsiProfile Profile(SimUser user) => new(
        new XsiProfileDetails
        {
            UserId = user.UserId,
            FirstName = user.FirstName,
            LastName = user.LastName,
            GroupId = user.Group.GroupId,
            ServiceProvider = user.Group.ServiceProviderId,
            IsEnterprise = user.Group.IsEnterprise,
            Number = user.Number,
            Extension = user.Extension,
        },
        "49");

    private SimResponse Directory(SimRequest request, SimUser user, string kindName)
    {
        XsiDirectoryKind kind;
        if (Is(kindName, "Group"))
        {
            kind = XsiDirectoryKind.Group;
        }
        else if (Is(kindName, "Enterprise"))
        {
            kind = XsiDirectoryKind.Enterprise;
        }
        else
        {
            return NotFound();
        }

        var all = _engine.Users.Where(u => kind == XsiDirectoryKind.Enterprise
            ? string.Equals(u.Group.ServiceProviderId, user.Group.ServiceProviderId, StringComparison.Ordinal)
            : ReferenceEquals(u.Group, user.Group)).ToList();
        var start = ParseInt(request.QueryValue("start"), 1, 1, int.MaxValue);
        var results = ParseInt(request.QueryValue("results"), 50, 1, 1000);
        var page = all.Skip(start - 1).Take(results).Select(u => new XsiDirectoryEntry
        {
            UserId = u.UserId,
            FirstName = u.FirstName,
            LastName = u.LastName,
            GroupId = u.Group.GroupId,
            Number = u.Number,
            Extension = u.Extension,
            EmailAddress = u.UserId,
        }).ToList();
        return SimResponse.Ok(new XsiDirectoryPage
        {
            Kind = kind,
            StartIndex = start,
            NumberOfRecords = page.Count,
            TotalAvailableRecords = all.Count,
            Entries = new ValueList<XsiDirectoryEntry>(page),
        });
    }

    private static int ParseInt(string? value, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= min
            ? Math.Min(parsed, max)
            : throw new CallEngineException(400, "Invalid paging parameter: " + value);
    }
}

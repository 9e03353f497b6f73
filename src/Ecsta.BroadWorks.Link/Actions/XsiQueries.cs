using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Mapping;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Directory;
using Ecsta.BroadWorks.Xsi.Services;
using static Ecsta.BroadWorks.Link.Actions.XsiPaths;

namespace Ecsta.BroadWorks.Link.Actions;

/// <summary>
/// The Xsi-Actions reads and bodies both transports share (XSI over HTTP, CTI tunnelled on its socket): a user's calls
/// as a snapshot, the group directory through all pages, the partial service bodies. The caller supplies how a GET
/// travels.
/// </summary>
public static class XsiQueries
{
    /// <summary>Reads <c>GET calls</c>, each call's details, the hook status and (when a call is in one) the conference.</summary>
    public static async Task<CallSnapshotEvent> ReadCallsAsync(string userId, Func<string, CancellationToken, Task<XsiDocument?>> get, CancellationToken cancellationToken)
    {
        var list = Expect<XsiCalls>(await get(Calls(userId), cancellationToken).ConfigureAwait(false));
        var calls = new List<XsiCall>(list.Items.Count);
        foreach (var item in list.Items)
        {
            try
            {
                calls.Add(Expect<XsiCall>(await get(Call(userId, item.CallId), cancellationToken).ConfigureAwait(false)));
            }
            catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.NotFound)
            {
                // Ended between the list and the details.
            }
        }

        var hook = Expect<XsiHookStatus>(await get(Calls(userId) + "/HookStatus", cancellationToken).ConfigureAwait(false));
        XsiConference? conference = null;
        if (list.Items.Any(i => i.InConference == true))
        {
            try
            {
                conference = Expect<XsiConference>(await get(Conference(userId), cancellationToken).ConfigureAwait(false));
            }
            catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.NotFound)
            {
                // The conference ended meanwhile.
            }
        }

        var members = list.Items.Where(i => i.InConference == true).Select(i => i.CallId).Concat(conference?.ParticipantCallIds ?? []).ToHashSet(StringComparer.Ordinal);
        return new CallSnapshotEvent
        {
            UserId = userId,
            Calls = [.. calls.Select(c => PlatformCallMapper.Map(c, members.Contains(c.CallId)))],
            HookStatus = PlatformCallMapper.ParseHookStatus(hook.HookStatus),
            Conference = conference is null ? null : PlatformEventMapper.MapConference(conference),
        };
    }

    /// <summary>Reads <c>directories/Group</c> page by page until <c>totalAvailableRecords</c>.</summary>
    public static async Task<IReadOnlyList<PlatformLine>> ReadDirectoryAsync(string directoryUser, int pageSize, Func<string, CancellationToken, Task<XsiDocument?>> get, CancellationToken cancellationToken)
    {
        var lines = new List<PlatformLine>();
        var start = 1;
        while (true)
        {
            var path = $"{User(directoryUser)}/directories/Group?start={start}&results={pageSize}";
            var page = Expect<XsiDirectoryPage>(await get(path, cancellationToken).ConfigureAwait(false));
            lines.AddRange(page.Entries.Select(e => new PlatformLine(e.UserId, e.Number, e.Extension, FullName(e.FirstName, e.LastName, e.UserId))));
            var count = page.Entries.Count;
            if (count == 0 || lines.Count >= page.TotalAvailableRecords)
            {
                return lines;
            }

            start = page.StartIndex + count;
        }
    }

    /// <summary>The line a profile describes.</summary>
    public static PlatformLine Line(XsiProfile profile)
    {
        var d = profile.Details;
        return new PlatformLine(d.UserId, d.Number, d.Extension, FullName(d.FirstName, d.LastName, d.UserId));
    }

    /// <summary>The partial body of a service PUT: only what the setting names.</summary>
    public static XsiServiceDocument ServiceBody(ServiceSetting setting) => setting.Service switch
    {
        UserService.CallForwardingAlways => new XsiCallForwardingAlways { Active = setting.Active, ForwardToPhoneNumber = setting.Number },
        UserService.CallForwardingBusy => new XsiCallForwardingBusy { Active = setting.Active, ForwardToPhoneNumber = setting.Number },
        UserService.CallForwardingNoAnswer => new XsiCallForwardingNoAnswer { Active = setting.Active, ForwardToPhoneNumber = setting.Number, NumberOfRings = setting.NumberOfRings },
        UserService.DoNotDisturb => new XsiDoNotDisturb { Active = setting.Active },
        UserService.RemoteOffice => new XsiRemoteOffice { Active = setting.Active, RemoteOfficeNumber = setting.Number },
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting.Service, "Unknown service."),
    };

    /// <summary>The service's name in <c>services/{name}</c>.</summary>
    public static string ServiceName(UserService service) => service switch
    {
        UserService.CallForwardingAlways => "CallForwardingAlways",
        UserService.CallForwardingBusy => "CallForwardingBusy",
        UserService.CallForwardingNoAnswer => "CallForwardingNoAnswer",
        UserService.DoNotDisturb => "DoNotDisturb",
        UserService.RemoteOffice => "RemoteOffice",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown service."),
    };

    /// <summary>The document as <typeparamref name="T"/>, or a <see cref="PlatformException"/> naming what came instead.</summary>
    public static T Expect<T>(XsiDocument? document)
        where T : XsiDocument => document as T
        ?? throw new PlatformException($"The answer carries {(document is null ? "no document" : document.GetType().Name)}, not the expected {typeof(T).Name}.");

    private static string FullName(string? first, string? last, string fallback)
    {
        var name = $"{first} {last}".Trim();
        return name.Length > 0 ? name : fallback;
    }
}

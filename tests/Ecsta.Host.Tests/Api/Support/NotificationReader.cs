using Ecsta.Host.Cli.Call;

namespace Ecsta.Host.Tests.Api.Support;

/// <summary>Reads an application's notifications with a deadline.</summary>
internal static class NotificationReader
{
    public static async Task<TapiEvent> NextAsync(this TapiClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await client.Events.ReadAsync(timeout.Token);
    }

    /// <summary>The next <paramref name="count"/> notifications, in order.</summary>
    public static async Task<IReadOnlyList<TapiEvent>> NextAsync(this TapiClient client, int count)
    {
        var list = new List<TapiEvent>();
        for (var i = 0; i < count; i++)
        {
            list.Add(await client.NextAsync());
        }

        return list;
    }

    /// <summary>Reads until a notification matches; returns everything read, the match last.</summary>
    public static async Task<IReadOnlyList<TapiEvent>> UntilAsync(this TapiClient client, Func<TapiEvent, bool> match)
    {
        var list = new List<TapiEvent>();
        while (true)
        {
            var ev = await client.NextAsync();
            list.Add(ev);
            if (match(ev))
            {
                return list;
            }
        }
    }

    /// <summary>A compact text for order assertions, e.g. <c>LINE_CALLSTATE 1 CONNECTED/ACTIVE</c>.</summary>
    public static string Short(this TapiEvent ev)
    {
        var p = ev.Payload;
        if (ev.Name == "ASYNC_COMPLETION")
        {
            return $"ASYNC_COMPLETION {p.Value<uint>("requestId")} {p.Value<string>("resultName")}";
        }

        var names = p["names"];
        var p1 = names?["param1"]?.ToString();
        var p2 = names?["param2"]?.ToString();
        return ev.Name switch
        {
            "LINE_CALLSTATE" => $"LINE_CALLSTATE {p.Value<uint>("hCall")} {p1}{(p2 is null ? "" : "/" + p2)}",
            "LINE_CALLINFO" => $"LINE_CALLINFO {p.Value<uint>("hCall")} {p1}",
            "LINE_ADDRESSSTATE" => $"LINE_ADDRESSSTATE {p2}",
            "LINE_LINEDEVSTATE" => $"LINE_LINEDEVSTATE {p1}",
            _ => $"{ev.Name} {p.Value<uint>("hCall")}",
        };
    }
}

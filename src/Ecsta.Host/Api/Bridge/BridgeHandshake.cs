using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Api.Bridge;

/// <summary>
/// The bridge's first exchange: the client's frame <c>{"token": "…", "client": "ecsta.tsp/1.0"}</c> presents the
/// application API token (the same principal as on <c>/tapi</c>); the host answers <c>{"ok": true, "host": version,
/// "dialogUrl": …}</c>, or <c>{"ok": false, "error": …}</c> and closes.
/// </summary>
internal static class BridgeHandshake
{
    /// <summary>The largest hello accepted.</summary>
    public const int MaxHelloBytes = 8 * 1024;

    /// <summary>What the client presented: its token and name, or why the hello is unreadable.</summary>
    public static (string? Token, string Client, string? Problem) Parse(byte[] frame)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(frame))) { MaxDepth = 4, DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is not JObject hello)
            {
                return (null, "", "the hello is not a JSON object");
            }

            var token = hello["token"] is { Type: JTokenType.String } t ? (string?)t : null;
            var client = hello["client"] is { Type: JTokenType.String } c ? Printable((string)c!) : "unnamed";
            return token is null ? (null, client, "the hello carries no token") : (token, client, null);
        }
        catch (JsonException ex)
        {
            return (null, "", "the hello is not JSON: " + ex.Message);
        }
    }

    /// <summary>The host's accepting answer.</summary>
    public static byte[] Accepted(string hostVersion, Uri? dialogUrl) =>
        Encoding.UTF8.GetBytes(new JObject { ["ok"] = true, ["host"] = hostVersion, ["dialogUrl"] = dialogUrl?.ToString() }.ToString(Formatting.None));

    /// <summary>The host's refusal, saying why (never the token).</summary>
    public static byte[] Refused(string reason) =>
        Encoding.UTF8.GetBytes(new JObject { ["ok"] = false, ["error"] = reason }.ToString(Formatting.None));

    private static string Printable(string text)
    {
        var clean = new string([.. text.Where(ch => !char.IsControl(ch)).Take(64)]);
        return clean.Length == 0 ? "unnamed" : clean;
    }
}

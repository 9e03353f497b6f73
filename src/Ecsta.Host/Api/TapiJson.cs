using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using StreamJsonRpc;

namespace Ecsta.Host.Api;

/// <summary>The JSON-RPC formatter both ends use: Newtonsoft.Json, camelCase names, numbers for TAPI constants.</summary>
internal static class TapiJson
{
    public static JsonMessageFormatter CreateFormatter()
    {
        var formatter = new JsonMessageFormatter();
        formatter.JsonSerializer.ContractResolver = new CamelCasePropertyNamesContractResolver();
        formatter.JsonSerializer.NullValueHandling = NullValueHandling.Include;
        formatter.JsonSerializer.MaxDepth = 32;
        return formatter;
    }
}

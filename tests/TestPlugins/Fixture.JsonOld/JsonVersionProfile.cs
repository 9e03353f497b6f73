using System.Composition;
using Ecsta.Abstractions.Profiles;
using Newtonsoft.Json.Linq;

namespace Fixture.JsonOld;

/// <summary>Reports, in its notes, the Newtonsoft.Json version this plugin loaded: its own private copy.</summary>
[Export(typeof(IProviderProfile))]
public sealed class JsonVersionProfile : IProviderProfile
{
    public string Name => "JsonOld";
    public string Host => "json.example";
    public int Port => 443;
    public string ConnectionType => "https";
    public string UrlPrefix => "";
    public string Notes => typeof(JObject).Assembly.GetName().Version!.ToString();
}

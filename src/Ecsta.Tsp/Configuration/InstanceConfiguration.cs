using Ecsta.Abstractions.Transports;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace Ecsta.Tsp.Configuration;

/// <summary>One driver instance: a login to BroadWorks and the lines it serves.</summary>
public sealed class InstanceConfiguration
{
    [JsonProperty("name")]
    public string Name { get; set; } = "";

    [JsonProperty("mode")]
    [JsonConverter(typeof(StringEnumConverter), typeof(Newtonsoft.Json.Serialization.CamelCaseNamingStrategy))]
    public InstanceMode Mode { get; set; } = InstanceMode.Workstation;

    /// <summary>Name of the provider profile this instance follows, or null for an individual configuration.</summary>
    [JsonProperty("profile", NullValueHandling = NullValueHandling.Ignore)]
    public string? Profile { get; set; }

    [JsonProperty("host")]
    public string Host { get; set; } = "";

    /// <summary>0 = the connection type's default port.</summary>
    [JsonProperty("port")]
    public int Port { get; set; }

    /// <summary>cti, ctis, http or https.</summary>
    [JsonProperty("connectionType")]
    public string ConnectionType { get; set; } = ConnectionTypes.Https;

    [JsonProperty("urlPrefix")]
    public string UrlPrefix { get; set; } = "";

    /// <summary>The BroadWorks login: a user id (workstation) or a group administrator (server).</summary>
    [JsonProperty("user")]
    public string User { get; set; } = "";

    /// <summary>The password, protected with Data Protection; never clear text on disk.</summary>
    [JsonProperty("passwordProtected", NullValueHandling = NullValueHandling.Ignore)]
    public string? PasswordProtected { get; set; }

    [JsonProperty("notes")]
    public string Notes { get; set; } = "";

    [JsonProperty("lines")]
    public List<LineConfiguration> Lines { get; set; } = [];

    [JsonProperty("advanced")]
    public AdvancedOptions Advanced { get; set; } = new();

    [JsonProperty("location")]
    public LocationConfiguration Location { get; set; } = new();

    [JsonProperty("numberRules")]
    public NumberRulesConfiguration NumberRules { get; set; } = new();

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();

    [JsonIgnore]
    public int EffectivePort => Port > 0 ? Port : ConnectionTypes.DefaultPort(ConnectionType);
}

/// <summary>One line: a BroadWorks user that becomes a TAPI line device.</summary>
public sealed class LineConfiguration
{
    /// <summary>The BroadWorks user id (e.g. <c>alice@example.com</c>).</summary>
    [JsonProperty("userId")]
    public string UserId { get; set; } = "";

    [JsonProperty("number")]
    public string Number { get; set; } = "";

    [JsonProperty("name")]
    public string Name { get; set; } = "";

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

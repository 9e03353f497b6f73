using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;

namespace Ecsta.Tsp.Configuration;

/// <summary>How a line's name is shown to applications.</summary>
public enum LineNameFormat
{
    /// <summary>"number / name".</summary>
    Standard = 0,
    /// <summary>The number only.</summary>
    Number,
    /// <summary>The name only.</summary>
    Name,
}

/// <summary>An instance's advanced options (the manual's "Erweitert" page).</summary>
public sealed class AdvancedOptions
{
    /// <summary>When a consultation call ends, retrieve the held call.</summary>
    [JsonProperty("returnToHeldOnConsultationEnd")]
    public bool ReturnToHeldOnConsultationEnd { get; set; } = true;

    [JsonProperty("proxy", NullValueHandling = NullValueHandling.Ignore)]
    public ProxyConfiguration? Proxy { get; set; }

    [JsonProperty("lineNameFormat")]
    [JsonConverter(typeof(StringEnumConverter))]
    public LineNameFormat LineNameFormat { get; set; } = LineNameFormat.Standard;

    /// <summary>"Snapshot for active calls" period; 0 = off.</summary>
    [JsonProperty("snapshotIntervalSeconds")]
    public int SnapshotIntervalSeconds { get; set; }

    /// <summary>Extra CA certificate (PEM file) trusted for TLS to the XSP, in addition to the system store.</summary>
    [JsonProperty("trustedCaPath", NullValueHandling = NullValueHandling.Ignore)]
    public string? TrustedCaPath { get; set; }

    /// <summary>SHA-256 thumbprint (hex) of a pinned XSP certificate.</summary>
    [JsonProperty("pinnedCertificateSha256", NullValueHandling = NullValueHandling.Ignore)]
    public string? PinnedCertificateSha256 { get; set; }

    /// <summary>How often a line whose monitoring could not start is retried.</summary>
    [JsonProperty("monitorStartRetrySeconds")]
    public int MonitorStartRetrySeconds { get; set; } = 30;

    /// <summary>
    /// Settings handed to the transport as they are (e.g. <c>httpPort</c> of the CTI side channel, keepalive and
    /// heartbeat periods, reconnect delays): their names and meaning are the transport's (docs/transport-*.md).
    /// </summary>
    [JsonProperty("transportSettings")]
    public Dictionary<string, string> TransportSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Keeps files without transport settings as they were (Newtonsoft's ShouldSerialize convention).</summary>
    public bool ShouldSerializeTransportSettings() => TransportSettings.Count > 0;

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

/// <summary>An HTTP proxy for XSI traffic.</summary>
public sealed class ProxyConfiguration
{
    [JsonProperty("address")]
    public string Address { get; set; } = "";

    [JsonProperty("user", NullValueHandling = NullValueHandling.Ignore)]
    public string? User { get; set; }

    [JsonProperty("passwordProtected", NullValueHandling = NullValueHandling.Ignore)]
    public string? PasswordProtected { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

/// <summary>Location formatting (manual 4.7).</summary>
public sealed class LocationConfiguration
{
    [JsonProperty("enabled")]
    public bool Enabled { get; set; }

    /// <summary>International prefix of the extensions, e.g. <c>+49(89)1234</c>.</summary>
    [JsonProperty("location")]
    public string Location { get; set; } = "";

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

/// <summary>The three rule lists (manual 5).</summary>
public sealed class NumberRulesConfiguration
{
    [JsonProperty("incoming")]
    public List<NumberRuleConfiguration> Incoming { get; set; } = [];

    [JsonProperty("outgoing")]
    public List<NumberRuleConfiguration> Outgoing { get; set; } = [];

    [JsonProperty("dial")]
    public List<NumberRuleConfiguration> Dial { get; set; } = [];

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

/// <summary>One search/replace rule.</summary>
public sealed class NumberRuleConfiguration
{
    [JsonProperty("search")]
    public string Search { get; set; } = "";

    [JsonProperty("replace")]
    public string Replace { get; set; } = "";

    [JsonProperty("regex")]
    public bool IsRegex { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

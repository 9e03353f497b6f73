using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Configuration;

/// <summary>The configuration file's root. Unknown fields survive a round trip.</summary>
internal sealed class EcstaConfiguration
{
    /// <summary>The schema version this host writes.</summary>
    public const int CurrentSchemaVersion = 2;

    [JsonProperty("schemaVersion", Order = -10)]
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    [JsonProperty("instances")]
    public List<InstanceConfiguration> Instances { get; set; } = [];

    [JsonProperty("api")]
    public ApiConfiguration Api { get; set; } = new();

    [JsonProperty("dns")]
    public DnsConfiguration Dns { get; set; } = new();

    [JsonProperty("licensing")]
    public LicensingConfiguration Licensing { get; set; } = new();

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();

    /// <summary>The version a configuration read when there was no file.</summary>
    public const string NoFile = "none";

    /// <summary>
    /// The version (content hash) of the file this configuration was read from, <see cref="NoFile"/> when there was none,
    /// null when it was not read from a file; <see cref="ConfigurationStore.Save"/> refuses it when the file changed since.
    /// </summary>
    [JsonIgnore]
    public string? LoadedVersion { get; set; }

    public InstanceConfiguration? FindInstance(string name) =>
        Instances.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The application API listener.</summary>
internal sealed class ApiConfiguration
{
    /// <summary>Listener URL; loopback by default.</summary>
    [JsonProperty("urls")]
    public string Urls { get; set; } = "http://127.0.0.1:5470";

    /// <summary>PEM certificate file for TLS on the listener, if any.</summary>
    [JsonProperty("certificatePath", NullValueHandling = NullValueHandling.Ignore)]
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key for <see cref="CertificatePath"/>.</summary>
    [JsonProperty("certificateKeyPath", NullValueHandling = NullValueHandling.Ignore)]
    public string? CertificateKeyPath { get; set; }

    /// <summary>The value of <see cref="Bridge"/> that turns the native bridge off.</summary>
    public const string BridgeOff = "off";

    /// <summary>
    /// The native bridge for the Windows TSP: a loopback <c>address:port</c> (port 0: any free one, recorded in the
    /// file <c>bridge-endpoint</c> beside the token), or <c>off</c>. Read at start.
    /// </summary>
    [JsonProperty("bridge")]
    public string Bridge { get; set; } = "127.0.0.1:0";

    /// <summary>Allows a listener other machines can reach without TLS (as <c>--allow-insecure-remote</c>); off by default.</summary>
    [JsonProperty("allowInsecureRemote", DefaultValueHandling = DefaultValueHandling.Ignore)]
    public bool AllowInsecureRemote { get; set; }

    /// <summary>
    /// Host names (optionally <c>name:port</c>) accepted in the Host header besides the addresses the listener is bound to:
    /// a reverse proxy's name. Every other Host is refused (DNS rebinding). Checked at start (a malformed entry stops the
    /// start with exit 1) and taken up by a running host when the file changes (a malformed entry is logged, the lists in
    /// force stay).
    /// </summary>
    [JsonProperty("allowedHosts")]
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Browser origins (<c>https://crm.example.com</c>) allowed on <c>/tapi</c> and the dialog's API besides the listener's own. Checked and taken up like <see cref="AllowedHosts"/>.</summary>
    [JsonProperty("allowedOrigins")]
    public List<string> AllowedOrigins { get; set; } = [];

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

/// <summary>Licensing options.</summary>
internal sealed class LicensingConfiguration
{
    /// <summary>Extra vendor public keys (base64 SubjectPublicKeyInfo) trusted for license codes.</summary>
    [JsonProperty("trustedPublicKeys")]
    public List<string> TrustedPublicKeys { get; set; } = [];

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

/// <summary>DNS for SRV discovery.</summary>
internal sealed class DnsConfiguration
{
    /// <summary>Name servers (IP or IP:port); empty = the system's.</summary>
    [JsonProperty("nameServers")]
    public List<string> NameServers { get; set; } = [];

    [JsonExtensionData]
    public IDictionary<string, JToken> Unknown { get; set; } = new Dictionary<string, JToken>();
}

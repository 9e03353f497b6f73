using System.Text.Json.Serialization;

namespace Ecsta.Host.Dialog;

/// <summary>
/// An instance as the dialog's API sends and receives it: the configuration's fields under the names the validator
/// reports (<c>port</c>, <c>lines[2].userId</c>, <c>advanced.proxy.address</c>), passwords write-only.
/// </summary>
internal sealed class DialogInstance
{
    public string Name { get; set; } = "";

    /// <summary>
    /// Read-only: the stored instance's version (also its ETag). A save sends it back as <c>If-Match</c>; a save against
    /// an older version is refused with 409. Ignored on the way in.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; set; }

    /// <summary>workstation or server.</summary>
    public string Mode { get; set; } = "workstation";

    /// <summary>A provider profile's name; null, "" or "Individual" for none.</summary>
    public string? Profile { get; set; }

    public string Host { get; set; } = "";

    /// <summary>0 = the connection type's default port.</summary>
    public int Port { get; set; }

    /// <summary>cti, ctis, http or https.</summary>
    public string ConnectionType { get; set; } = "https";

    public string UrlPrefix { get; set; } = "";

    public string User { get; set; } = "";

    /// <summary>Write-only: a new password; null or "" keeps the stored one. Never sent back.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Password { get; set; }

    /// <summary>Read-only: whether a password is stored.</summary>
    public bool PasswordSet { get; set; }

    /// <summary>
    /// Write-only: keep the stored password (and the proxy's, see <see cref="DialogProxy.KeepPassword"/>) although
    /// host, port, connection type, URL prefix or proxy change. Without it (or a new password) such a change is refused
    /// with an error on <c>password</c>, so a stored password never follows the connection to a new destination unasked.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool KeepPassword { get; set; }

    public string Notes { get; set; } = "";

    public List<DialogLine> Lines { get; set; } = [];

    public DialogAdvanced Advanced { get; set; } = new();

    public DialogLocation Location { get; set; } = new();

    public DialogNumberRules NumberRules { get; set; } = new();
}

/// <summary>One line: a BroadWorks user id, its number and name.</summary>
internal sealed class DialogLine
{
    public string UserId { get; set; } = "";

    public string Number { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>The manual's "Erweitert" page.</summary>
internal sealed class DialogAdvanced
{
    public bool ReturnToHeldOnConsultationEnd { get; set; } = true;

    /// <summary>Null (or an empty address) for no proxy.</summary>
    public DialogProxy? Proxy { get; set; }

    /// <summary>Standard, Number or Name.</summary>
    public string LineNameFormat { get; set; } = "Standard";

    public int SnapshotIntervalSeconds { get; set; }

    public int MonitorStartRetrySeconds { get; set; } = 30;

    public string? TrustedCaPath { get; set; }

    public string? PinnedCertificateSha256 { get; set; }

    /// <summary>Settings handed to the transport; an empty value removes the setting.</summary>
    public Dictionary<string, string> TransportSettings { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>An HTTP proxy for XSI; the password is write-only like the instance's.</summary>
internal sealed class DialogProxy
{
    public string Address { get; set; } = "";

    public string? User { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Password { get; set; }

    public bool PasswordSet { get; set; }

    /// <summary>Write-only: keep the stored proxy password although the connection or the proxy changes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool KeepPassword { get; set; }
}

/// <summary>The manual's "Standort" page.</summary>
internal sealed class DialogLocation
{
    public bool Enabled { get; set; }

    public string Location { get; set; } = "";
}

/// <summary>The three rule lists of the manual's section 5.</summary>
internal sealed class DialogNumberRules
{
    public List<DialogNumberRule> Incoming { get; set; } = [];

    public List<DialogNumberRule> Outgoing { get; set; } = [];

    public List<DialogNumberRule> Dial { get; set; } = [];
}

/// <summary>One search/replace rule.</summary>
internal sealed class DialogNumberRule
{
    public string Search { get; set; } = "";

    public string Replace { get; set; } = "";

    public bool Regex { get; set; }
}

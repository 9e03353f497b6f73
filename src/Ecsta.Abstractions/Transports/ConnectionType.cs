namespace Ecsta.Abstractions.Transports;

/// <summary>The connection types of DESIGN.md: the names transport factories claim.</summary>
public static class ConnectionTypes
{
    /// <summary>CTI over TCP (default port 8011).</summary>
    public const string Cti = "cti";

    /// <summary>CTI over TLS (default port 8012).</summary>
    public const string Ctis = "ctis";

    /// <summary>XSI over HTTP (default port 80).</summary>
    public const string Http = "http";

    /// <summary>XSI over HTTPS (default port 443).</summary>
    public const string Https = "https";

    /// <summary>All four, in the order the dialog lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Cti, Ctis, Http, Https];

    /// <summary>The default port of a connection type, or 0 when the type is unknown.</summary>
    public static int DefaultPort(string connectionType) => connectionType switch
    {
        Cti => 8011,
        Ctis => 8012,
        Http => 80,
        Https => 443,
        _ => 0,
    };

    /// <summary>Whether the connection type uses TLS.</summary>
    public static bool IsSecure(string connectionType) => connectionType is Ctis or Https;
}

using System.Composition;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Cti;

/// <summary>The CTI transport: the XSP's CTI interface over TCP (<c>cti</c>, 8011) or TLS (<c>ctis</c>, 8012).</summary>
[Export(typeof(ITransportFactory))]
public sealed class CtiTransportFactory : ITransportFactory
{
    /// <summary>The refusal of a proxy, word for word.</summary>
    public const string ProxyRefused = "a proxy cannot be used with CTI";

    /// <inheritdoc />
    public string Name => "CTI";

    /// <inheritdoc />
    public IReadOnlyList<string> ConnectionTypes { get; } = [Abstractions.Transports.ConnectionTypes.Cti, Abstractions.Transports.ConnectionTypes.Ctis];

    /// <summary>
    /// The checks both transports make (host, port, user, password, prefix, timeout, CA file, pin, shared settings),
    /// which also cover the side channel, plus the CTI checks: connection type, no proxy, the CTI settings.
    /// </summary>
    /// <inheritdoc />
    public IReadOnlyList<string> Validate(PlatformLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var known = ConnectionTypes.Contains(options.ConnectionType, StringComparer.OrdinalIgnoreCase);
        if (!known)
        {
            problems.Add($"The CTI transport serves cti and ctis, not '{options.ConnectionType}'.");
        }

        if (options.Proxy is not null)
        {
            problems.Add(ProxyRefused);
        }

        LinkOptionsValidation.CheckEndpoint(options, problems);
        LinkOptionsValidation.CheckTls(options, problems);

        // The settings both transports share are judged as over XSI; the CTI ones below.
        LinkSettings.Parse(options.Settings.Where(s => LinkSettings.Keys.Contains(s.Key, StringComparer.Ordinal)).ToDictionary(StringComparer.Ordinal), problems);
        if (!string.IsNullOrEmpty(options.UserId) && options.UserId.Contains(':', StringComparison.Ordinal))
        {
            problems.Add("The user id may not contain ':' (the CTI credentials are user:password).");
        }

        var cti = new List<string>();
        CtiLinkSettings.Parse(options.Settings, cti);
        problems.AddRange(cti.Where(p => !problems.Contains(p)));
        LinkSettings.ReportUnknown(options.Settings, CtiLinkSettings.Keys, Name, problems);
        return problems;
    }

    /// <inheritdoc />
    public IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context)
    {
        var problems = Validate(options);
        return problems.Count > 0
            ? throw new PlatformException(PlatformErrorKind.Configuration, string.Join(" ", problems))
            : new CtiPlatformLink(options, context);
    }
}

using System.Composition;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Xsi;

/// <summary>The XSI transport (Xsi-Actions and Xsi-Events over HTTP or HTTPS).</summary>
[Export(typeof(ITransportFactory))]
public sealed class XsiTransportFactory : ITransportFactory
{
    /// <inheritdoc />
    public string Name => "XSI";

    /// <inheritdoc />
    public IReadOnlyList<string> ConnectionTypes { get; } = [Abstractions.Transports.ConnectionTypes.Http, Abstractions.Transports.ConnectionTypes.Https];

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(PlatformLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!ConnectionTypes.Contains(options.ConnectionType, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"The XSI transport serves http and https, not '{options.ConnectionType}'.");
        }

        LinkOptionsValidation.CheckEndpoint(options, problems);
        if (options.Proxy is { } proxy && (!proxy.Address.IsAbsoluteUri || proxy.Address.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"The proxy '{proxy.Address}' must be an absolute http:// address (https traffic goes through it with CONNECT).");
        }

        LinkOptionsValidation.CheckTls(options, problems);
        LinkSettings.Parse(options.Settings, problems);
        LinkSettings.ReportUnknown(options.Settings, LinkSettings.Keys, Name, problems);
        return problems;
    }

    /// <inheritdoc />
    public IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context)
    {
        var problems = Validate(options);
        return problems.Count > 0
            ? throw new PlatformException(PlatformErrorKind.Configuration, string.Join(" ", problems))
            : new XsiPlatformLink(options, context);
    }
}

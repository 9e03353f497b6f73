namespace Ecsta.Abstractions.Transports;

/// <summary>
/// A transport plugin's entry point, exported with <c>[Export(typeof(ITransportFactory))]</c>. The host asks the
/// factory that claims an instance's connection type for one <see cref="IPlatformLink"/> per instance.
/// </summary>
public interface ITransportFactory
{
    /// <summary>A short name for listings, e.g. <c>XSI</c>.</summary>
    string Name { get; }

    /// <summary>The connection types this factory serves (see <see cref="ConnectionTypes"/>). Two plugins may not claim the same type.</summary>
    IReadOnlyList<string> ConnectionTypes { get; }

    /// <summary>Checks options before anything is connected; returns the problems in words, empty when fine.</summary>
    IReadOnlyList<string> Validate(PlatformLinkOptions options);

    /// <summary>Creates a link. It does nothing on the network until <see cref="IPlatformLink.ConnectAsync"/>.</summary>
    IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context);
}

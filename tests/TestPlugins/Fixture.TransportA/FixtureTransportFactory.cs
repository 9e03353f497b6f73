using System.Composition;
using Ecsta.Abstractions.Transports;

namespace Fixture.TransportA;

/// <summary>A transport that claims connection types, to test conflicts between plugins. It never connects.</summary>
[Export(typeof(ITransportFactory))]
public sealed class FixtureTransportFactory : ITransportFactory
{
    public string Name => "Fixture A";

    public IReadOnlyList<string> ConnectionTypes { get; } = ["http", "https"];

    public IReadOnlyList<string> Validate(PlatformLinkOptions options) => ["fixture transports never connect"];

    public IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context) =>
        throw new NotSupportedException("fixture transports never connect");
}

using System.Composition;
using Ecsta.Abstractions.Profiles;

namespace Fixture.Throwing;

/// <summary>A plugin whose export throws in its constructor: the catalog must report it and go on.</summary>
[Export(typeof(IProviderProfile))]
public sealed class ThrowingProfile : IProviderProfile
{
    public ThrowingProfile() => throw new InvalidOperationException("fixture: the constructor failed on purpose");

    public string Name => "never";
    public string Host => "never";
    public int Port => 1;
    public string ConnectionType => "https";
    public string UrlPrefix => "";
    public string Notes => "";
}

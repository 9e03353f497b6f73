using System.Composition;
using Ecsta.Abstractions.Profiles;
using Fixture.Dependency;

namespace Fixture.MissingDependency;

/// <summary>A plugin that needs Fixture.Dependency.dll; the tests delete that file to break it.</summary>
[Export(typeof(IProviderProfile))]
public sealed class DependentProfile : IProviderProfile
{
    private readonly string _notes = DependencyValue.Text;

    public string Name => "Dependent";
    public string Host => "dependent.example";
    public int Port => 443;
    public string ConnectionType => "https";
    public string UrlPrefix => "";
    public string Notes => _notes;
}

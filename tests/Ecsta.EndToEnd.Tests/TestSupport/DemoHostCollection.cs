namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// The test classes that share one demo host (<see cref="DemoHost"/>): they run one after another, so each test may
/// use any of the five demo lines as long as it leaves no calls behind.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoHostCollection : ICollectionFixture<DemoHost>
{
    /// <summary>The collection's name for <c>[Collection]</c>.</summary>
    public const string Name = "Demo host";
}

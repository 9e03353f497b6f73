namespace Fixture.Dependency;

/// <summary>A private dependency of Fixture.MissingDependency.</summary>
public static class DependencyValue
{
    public static string Text => "from the dependency";
}

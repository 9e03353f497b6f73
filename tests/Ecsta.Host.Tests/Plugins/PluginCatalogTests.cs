using Ecsta.Host.Tests.TestSupport;
using Ecsta.Tsp.Plugins;
using Serilog;

namespace Ecsta.Host.Tests.Plugins;

public sealed class PluginCatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _plugins;

    public PluginCatalogTests()
    {
        // Each test gets its own copy of the compiled fixture plugins, so it can break one without touching the others.
        _plugins = _temp.File("plugins");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "fixture-plugins"), _plugins);
    }

    private static ILogger Silent => new LoggerConfiguration().CreateLogger();

    [Fact]
    public void A_good_plugin_is_loaded_with_its_name_version_file_and_kind()
    {
        using var catalog = PluginCatalog.Load(_plugins, Silent);

        var example = Assert.Single(catalog.Plugins, p => p.Name == "Example.ProviderProfile");
        Assert.Equal(PluginKind.Profiles, example.Kind);
        Assert.Equal("0.1.0", example.Version);
        Assert.Equal(Path.Combine(_plugins, "Example.ProviderProfile", "Example.ProviderProfile.dll"), example.File);
        var profile = catalog.FindProfile("example telecom");
        Assert.NotNull(profile);
        Assert.Equal("xsp.example-telecom.net", profile.Host);
        Assert.Equal(443, profile.Port);
    }

    [Fact]
    public void A_plugin_whose_export_throws_in_its_constructor_is_reported_and_the_others_still_load()
    {
        using var catalog = PluginCatalog.Load(_plugins, Silent);

        var failure = Assert.Single(catalog.Failures, f => f.File.Contains("Fixture.Throwing", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(_plugins, "Fixture.Throwing", "Fixture.Throwing.dll"), failure.File);
        Assert.Contains("the constructor failed on purpose", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(catalog.Plugins, p => p.Name == "Fixture.Throwing");
        Assert.Contains(catalog.Plugins, p => p.Name == "Example.ProviderProfile");
    }

    [Fact]
    public void A_plugin_with_a_missing_dependency_is_reported_with_the_missing_assembly()
    {
        File.Delete(Path.Combine(_plugins, "Fixture.MissingDependency", "Fixture.Dependency.dll"));

        using var catalog = PluginCatalog.Load(_plugins, Silent);

        var failure = Assert.Single(catalog.Failures, f => f.File.Contains("Fixture.MissingDependency", StringComparison.Ordinal));
        Assert.Contains("Fixture.Dependency", failure.Reason, StringComparison.Ordinal);
        Assert.Null(catalog.FindProfile("Dependent"));
        Assert.NotNull(catalog.FindProfile("Example Telecom"));
    }

    [Fact]
    public void A_plugin_with_its_dependency_present_loads_it_privately()
    {
        using var catalog = PluginCatalog.Load(_plugins, Silent);

        Assert.Equal("from the dependency", catalog.FindProfile("Dependent")?.Notes);
    }

    [Fact]
    public void Two_plugins_each_get_their_own_version_of_a_private_dependency()
    {
        using var catalog = PluginCatalog.Load(_plugins, Silent);

        Assert.Equal("12.0.0.0", catalog.FindProfile("JsonOld")?.Notes);
        Assert.Equal("13.0.0.0", catalog.FindProfile("JsonNew")?.Notes);
    }

    [Fact]
    public void A_second_plugin_claiming_a_served_connection_type_is_refused_and_the_first_keeps_it()
    {
        using var catalog = PluginCatalog.Load(_plugins, Silent);

        Assert.Equal("Fixture A", catalog.Transports["http"].Name);
        Assert.Equal("Fixture A", catalog.Transports["https"].Name);
        var failure = Assert.Single(catalog.Failures, f => f.File.Contains("Fixture.TransportB", StringComparison.Ordinal));
        Assert.Contains("connection type 'http' is already served by plugin Fixture.TransportA", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_folder_without_its_assembly_is_reported_by_path()
    {
        Directory.CreateDirectory(Path.Combine(_plugins, "Empty.Plugin"));

        using var catalog = PluginCatalog.Load(_plugins, Silent);

        var failure = Assert.Single(catalog.Failures, f => f.File.Contains("Empty.Plugin", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(_plugins, "Empty.Plugin", "Empty.Plugin.dll"), failure.File);
        Assert.Contains("has no Empty.Plugin.dll", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plugin_folder_gives_an_empty_catalog()
    {
        using var catalog = PluginCatalog.Load(_temp.File("nowhere"), Silent);

        Assert.Empty(catalog.Plugins);
        Assert.Empty(catalog.Failures);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _temp.Dispose();
}

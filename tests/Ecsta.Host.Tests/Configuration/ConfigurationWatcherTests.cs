using Ecsta.Host.Tests.TestSupport;
using Ecsta.Tsp.Configuration;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace Ecsta.Host.Tests.Configuration;

public sealed class ConfigurationWatcherTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void A_changed_file_raises_the_new_configuration_and_a_malformed_one_is_ignored()
    {
        var store = new ConfigurationStore(_temp.File("ecsta.json"));
        store.Save(new EcstaConfiguration());
        using var watcher = new ConfigurationWatcher(store, new FakeTimeProvider(), new LoggerConfiguration().CreateLogger());
        var seen = new List<EcstaConfiguration>();
        watcher.Changed += (_, c) => seen.Add(c);

        store.Save(new EcstaConfiguration { Instances = { new InstanceConfiguration { Name = "office", Host = "h", User = "u" } } });
        watcher.Reload();
        File.WriteAllText(store.Path, "{ broken");
        watcher.Reload();
        watcher.Reload();

        var change = Assert.Single(seen);
        Assert.Equal("office", Assert.Single(change.Instances).Name);
    }

    public void Dispose() => _temp.Dispose();
}

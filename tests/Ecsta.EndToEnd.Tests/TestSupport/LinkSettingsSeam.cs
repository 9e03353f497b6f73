using System.Collections.Concurrent;
using System.Reflection;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Plugins;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// The one place where the tests reach past the host: the host's configuration has no way (yet) to give a transport
/// its settings (<see cref="PlatformLinkOptions.Settings"/>: <c>httpPort</c> of the CTI side channel, keepalive and
/// heartbeat periods, reconnect delays); <c>InstanceSettingsMapping.ToLinkOptions</c> fills only
/// <c>directoryUserId</c>. This decorator sits in the plugin catalog in front of each real transport factory and
/// adds the settings a test registered for an instance name; everything else (validation, the link, the plugin's
/// code) is the product's own. It also remembers the link created for each instance, so a test can ask it what the
/// host does not ask (the group's lines). Settings the host already passes win over the test's.
/// </summary>
internal sealed class LinkSettingsSeam(ITransportFactory inner, ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> settings, ConcurrentDictionary<string, IPlatformLink> links) : ITransportFactory
{
    public string Name => inner.Name;

    public IReadOnlyList<string> ConnectionTypes => inner.ConnectionTypes;

    public IReadOnlyList<string> Validate(PlatformLinkOptions options) => inner.Validate(WithSettings(options));

    public IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context)
    {
        var link = inner.Create(WithSettings(options), context);
        links[options.InstanceName] = link;
        return link;
    }

    private PlatformLinkOptions WithSettings(PlatformLinkOptions options)
    {
        if (!settings.TryGetValue(options.InstanceName, out var extra) || extra.Count == 0)
        {
            return options;
        }

        var merged = new Dictionary<string, string>(extra, StringComparer.Ordinal);
        foreach (var (key, value) in options.Settings)
        {
            merged[key] = value;
        }

        return options with { Settings = merged };
    }

    /// <summary>Puts a seam in front of every transport factory of <paramref name="catalog"/>.</summary>
    public static void Install(PluginCatalog catalog, ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> settings, ConcurrentDictionary<string, IPlatformLink> links)
    {
        var field = typeof(PluginCatalog).GetField("_transports", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("PluginCatalog._transports is gone: replace LinkSettingsSeam by the host's own way to pass transport settings.");
        var map = (Dictionary<string, (ITransportFactory Factory, string Plugin)>)field.GetValue(catalog)!;
        var wrapped = new Dictionary<ITransportFactory, ITransportFactory>(ReferenceEqualityComparer.Instance);
        foreach (var key in map.Keys.ToList())
        {
            var (factory, plugin) = map[key];
            if (!wrapped.TryGetValue(factory, out var seam))
            {
                wrapped[factory] = seam = new LinkSettingsSeam(factory, settings, links);
            }

            map[key] = (seam, plugin);
        }
    }
}

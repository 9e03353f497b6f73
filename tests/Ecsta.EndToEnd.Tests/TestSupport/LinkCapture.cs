using System.Collections.Concurrent;
using System.Reflection;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Plugins;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// Remembers the link the host creates for each instance, so a test can ask the running link what the host itself
/// does not ask during a call scenario (the group's lines). It sits in the plugin catalog in front of each real
/// transport factory and changes nothing: options, validation and the link are the product's own.
/// </summary>
internal sealed class LinkCapture(ITransportFactory inner, ConcurrentDictionary<string, IPlatformLink> links) : ITransportFactory
{
    public string Name => inner.Name;

    public IReadOnlyList<string> ConnectionTypes => inner.ConnectionTypes;

    public IReadOnlyList<string> Validate(PlatformLinkOptions options) => inner.Validate(options);

    public IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context)
    {
        var link = inner.Create(options, context);
        links[options.InstanceName] = link;
        return link;
    }

    /// <summary>Puts a capture in front of every transport factory of <paramref name="catalog"/>.</summary>
    public static void Install(PluginCatalog catalog, ConcurrentDictionary<string, IPlatformLink> links)
    {
        var field = typeof(PluginCatalog).GetField("_transports", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("PluginCatalog._transports is gone: LinkCapture needs another way in.");
        var map = (Dictionary<string, (ITransportFactory Factory, string Plugin)>)field.GetValue(catalog)!;
        var wrapped = new Dictionary<ITransportFactory, ITransportFactory>(ReferenceEqualityComparer.Instance);
        foreach (var key in map.Keys.ToList())
        {
            var (factory, plugin) = map[key];
            if (!wrapped.TryGetValue(factory, out var capture))
            {
                wrapped[factory] = capture = new LinkCapture(factory, links);
            }

            map[key] = (capture, plugin);
        }
    }
}

using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Provider;

namespace Ecsta.Tsp.Runtime;

/// <summary>One running instance: its configuration, its platform link, its formatter and its TSP provider.</summary>
internal sealed class InstanceRuntime : IAsyncDisposable
{
    public InstanceRuntime(InstanceConfiguration configuration, IPlatformLink link, SwitchableNumberFormatter formatter, TspProvider provider, IAsyncDisposable? trace)
    {
        Configuration = configuration;
        Link = link;
        Formatter = formatter;
        Provider = provider;
        Trace = trace;
    }

    public InstanceConfiguration Configuration { get; set; }

    public IPlatformLink Link { get; }

    public SwitchableNumberFormatter Formatter { get; }

    public TspProvider Provider { get; }

    private IAsyncDisposable? Trace { get; }

    public string Name => Configuration.Name;

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync().ConfigureAwait(false);
        await Link.DisposeAsync().ConfigureAwait(false);
        if (Trace is not null)
        {
            await Trace.DisposeAsync().ConfigureAwait(false);
        }
    }
}

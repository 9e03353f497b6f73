using Ecsta.Tsp.Provider;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Api;

/// <summary>Where the API finds the running TSP providers (one per driver instance) and learns when they come and go.</summary>
internal interface ITapiProviderSource
{
    /// <summary>The running providers.</summary>
    IReadOnlyList<TspProvider> Providers { get; }

    /// <summary>Raised after a provider was created.</summary>
    event EventHandler<TspProvider>? ProviderStarted;

    /// <summary>Raised before a provider is disposed.</summary>
    event EventHandler<TspProvider>? ProviderStopping;
}

/// <summary>The host's <see cref="TelephonyRuntime"/> as a provider source.</summary>
internal sealed class RuntimeProviderSource(TelephonyRuntime runtime) : ITapiProviderSource
{
    public IReadOnlyList<TspProvider> Providers => runtime.Providers;

    public event EventHandler<TspProvider>? ProviderStarted
    {
        add => runtime.ProviderStarted += value;
        remove => runtime.ProviderStarted -= value;
    }

    public event EventHandler<TspProvider>? ProviderStopping
    {
        add => runtime.ProviderStopping += value;
        remove => runtime.ProviderStopping -= value;
    }
}

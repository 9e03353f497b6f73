using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tsp;
using Serilog;

namespace Ecsta.Host.Api;

/// <summary>
/// What all connections of the application API share: the providers, the host-wide call handles, the open sessions
/// (for LINE_CREATE/LINE_REMOVE and for providers that stop) and the access token.
/// </summary>
internal sealed class TapiApiHub : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<TapiSession> _sessions = [];
    private readonly HashSet<TspProvider> _attached = [];
    private int _nextSession;

    public TapiApiHub(ITapiProviderSource source, ApiAccess access, ILogger log, TapiApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(log);
        Source = source;
        Access = access;
        Log = log;
        Options = options ?? new TapiApiOptions();
        Calls = new ApiCallHandles(Options.IdleCallsKept);
        source.ProviderStarted += OnProviderStarted;
        source.ProviderStopping += OnProviderStopping;
        foreach (var provider in source.Providers)
        {
            Attach(provider);
        }
    }

    public ITapiProviderSource Source { get; }

    public ApiAccess Access { get; }

    /// <summary>
    /// lineSetDevConfig's blobs (device class tapi/line), per line (instance and BroadWorks user), shared by every
    /// application and kept while the host runs.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> DevConfigs { get; } = new(StringComparer.Ordinal);

    public ILogger Log { get; }

    public TapiApiOptions Options { get; }

    public ApiCallHandles Calls { get; }

    /// <summary>How many applications are connected.</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The provider that has the device.</summary>
    public TspProvider? FindProvider(uint deviceId) =>
        Source.Providers.FirstOrDefault(p => p.GetDevCaps(deviceId) is not null);

    public int NextSessionId() => Interlocked.Increment(ref _nextSession);

    public void Register(TapiSession session)
    {
        lock (_gate)
        {
            _sessions.Add(session);
        }
    }

    public void Unregister(TapiSession session)
    {
        lock (_gate)
        {
            _sessions.Remove(session);
        }
    }

    private List<TapiSession> Sessions()
    {
        lock (_gate)
        {
            return [.. _sessions];
        }
    }

    private void OnProviderStarted(object? sender, TspProvider provider) => Attach(provider);

    private void Attach(TspProvider provider)
    {
        lock (_gate)
        {
            if (!_attached.Add(provider))
            {
                return;
            }
        }

        provider.AddProviderSink(new ProviderSink(this, provider));
    }

    private void OnProviderStopping(object? sender, TspProvider provider)
    {
        lock (_gate)
        {
            _attached.Remove(provider);
        }

        foreach (var session in Sessions())
        {
            session.OnProviderStopping(provider);
        }

        Calls.ForgetProvider(provider);
    }

    public void Dispose()
    {
        Source.ProviderStarted -= OnProviderStarted;
        Source.ProviderStopping -= OnProviderStopping;
    }

    /// <summary>LINE_CREATE and LINE_REMOVE go to every application, as in TAPI.</summary>
    private sealed class ProviderSink(TapiApiHub hub, TspProvider provider) : ITapiEventSink
    {
        public void OnMessage(TapiMessage message)
        {
            if (message.Message is LineMessage.LINE_CREATE or LineMessage.LINE_REMOVE)
            {
                foreach (var session in hub.Sessions())
                {
                    session.EnqueueProviderMessage(provider, message);
                }
            }
        }

        public void OnCompletion(AsyncCompletion completion)
        {
            // Provider-wide sinks make no requests.
        }
    }
}

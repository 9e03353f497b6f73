using System.Threading.Channels;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Net;
using Ecsta.BroadWorks.Link.Subscriptions;
using Ecsta.BroadWorks.Xsi;
using Serilog;

namespace Ecsta.BroadWorks.Link;

/// <summary>
/// What the XSI link and the CTI link share: state, connect with SRV failover, monitoring (users or the group),
/// snapshots, the ordered event stream, loss, reconnect with backoff and jitter, the 401 stop and disposal. A transport
/// derives from it and supplies only how a session is opened on one target, how a profile and the calls are read, and
/// what is cleaned up after a loss. Not for use outside the Ecsta transports (its extension points are internal).
/// </summary>
public abstract partial class PlatformLinkBase : IPlatformLink, ILinkSessionOwner
{
    private readonly LinkSettings _settings;
    private readonly Channel<PlatformEvent> _events;

    /// <summary>How many events were written to <see cref="_events"/> (under the emit gate): the stamp of a read snapshot.</summary>
    private long _eventsWritten;
    private readonly ReconnectBackoff _backoff;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _emitGate = new(1, 1);
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly HashSet<string> _monitored = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposed = new();
    private LinkSession? _session;
    private PlatformException? _failed;
    private GroupIdentity? _group;
    private LinkState _state = LinkState.Disconnected;
    private Task _reconnect = Task.CompletedTask;

    protected PlatformLinkBase(PlatformLinkOptions options, PlatformLinkContext context, LinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        Options = options;
        Context = context;
        _settings = settings;
        Log = context.Log.ForContext(GetType());
        Validator = new ServerCertificateValidator(options.TrustedCaPath, options.PinnedCertificateSha256);
        _events = Channel.CreateBounded<PlatformEvent>(new BoundedChannelOptions(settings.EventCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _backoff = new ReconnectBackoff(settings.BackoffInitial, settings.BackoffMax);
        InstanceTag = Guid.NewGuid().ToString("N")[..12];
    }

    /// <inheritdoc />
    public ChannelReader<PlatformEvent> Events => _events.Reader;

    /// <inheritdoc />
    public LinkState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    protected PlatformLinkOptions Options { get; }

    protected PlatformLinkContext Context { get; }

    protected ILogger Log { get; }

    /// <summary>The TLS validator of every connection of the link (socket and HTTP alike).</summary>
    protected ServerCertificateValidator Validator { get; }

    /// <summary>Part of every channel set id, so that the sets of one link are recognisable.</summary>
    protected string InstanceTag { get; }

    protected bool IsServer => Options.Mode == InstanceMode.Server;

    /// <summary>The SRV service name: <c>ecsta</c> (XSI) or <c>ecsta-cti</c>.</summary>
    protected abstract string SrvService { get; }

    /// <inheritdoc />
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_failed is { } failed)
                {
                    throw new PlatformException(failed.Kind, failed.Message, failed.StatusCode);
                }

                if (_session is { IsLost: false } || _state == LinkState.Reconnecting)
                {
                    return;
                }

                _state = LinkState.Connecting;
            }

            LinkSession session;
            try
            {
                session = await EstablishAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not PlatformException { Kind: PlatformErrorKind.Unauthorized })
            {
                lock (_gate)
                {
                    if (_state == LinkState.Connecting)
                    {
                        _state = LinkState.Disconnected;
                    }
                }

                throw;
            }
            catch (PlatformException ex)
            {
                // A 401 on the socket (CTI) is reported here; over HTTP the requester has reported it already (no-op then).
                OnUnauthorized(ex);
                throw;
            }

            lock (_gate)
            {
                _session = session;
                _state = LinkState.Connected;
            }

            await ReleaseHeldAsync(session, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task MonitorAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        lock (_gate)
        {
            _monitored.UnionWith(userIds);
        }

        var session = ActiveLinkSession();
        if (IsServer)
        {
            if (userIds.Count == 0)
            {
                return;
            }

            var group = await Guard(session, GroupAsync(session, userIds.First(), cancellationToken)).ConfigureAwait(false);
            await Guard(session, session.SubscribeAsync(XsiSubscriptionTarget.Group(group), cancellationToken)).ConfigureAwait(false);
            await SnapshotAsync(userIds, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var user in userIds)
        {
            await Guard(session, session.SubscribeAsync(XsiSubscriptionTarget.User(user), cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task StopMonitoringAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        bool none;
        GroupIdentity? group;
        lock (_gate)
        {
            _monitored.ExceptWith(userIds);
            none = _monitored.Count == 0;
            group = _group;
        }

        if (CurrentLinkSession() is not { } session)
        {
            return;
        }

        if (IsServer)
        {
            if (none && group is not null)
            {
                await session.UnsubscribeAsync(XsiSubscriptionTarget.Group(group), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        foreach (var user in userIds)
        {
            await session.UnsubscribeAsync(XsiSubscriptionTarget.User(user), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SRV <c>_{SrvService}._tcp</c> / <c>._tls</c>, else the configured host and port. SRV targets outside the
    /// configured host (<see cref="SrvTargetPolicy"/>) are never connected to: they are logged and returned as
    /// <see cref="ResolvedTargets.Refused"/>; when every target is refused the configured host and port are used, as
    /// without SRV records.
    /// </summary>
    protected async Task<ResolvedTargets> ResolveAsync(CancellationToken cancellationToken)
    {
        var protocol = ConnectionTypes.IsSecure(Options.ConnectionType) ? "tls" : "tcp";
        var targets = await Context.ServiceLocator.ResolveAsync(SrvService, protocol, Options.Host, Options.EffectivePort, cancellationToken).ConfigureAwait(false);
        var usable = new List<ServiceTarget>();
        var refused = new List<ServiceTarget>();
        foreach (var target in targets)
        {
            if (SrvTargetPolicy.Allows(target, Options.Host))
            {
                usable.Add(target);
            }
            else
            {
                Log.Warning("{Refusal}", SrvTargetPolicy.Refusal(target, Options.Host));
                refused.Add(target);
            }
        }

        return new ResolvedTargets(usable.Count > 0 ? usable : [new ServiceTarget(Options.Host, Options.EffectivePort)], refused);
    }

    /// <summary>
    /// For the connection test: <c>resolved to 192.0.2.10, 2001:db8::10; </c> when the link looks the target's name up
    /// itself (the host's resolver, as every connection does), else empty (an IP address; through a proxy, which looks
    /// the name up). A name without an address throws the resolver's <see cref="PlatformException"/>.
    /// </summary>
    protected async Task<string> ResolvedAddressesAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Options.Proxy is not null || System.Net.IPAddress.TryParse(target.Host, out _))
        {
            return "";
        }

        var addresses = await Context.ServiceLocator.ResolveAddressesAsync(target.Host, cancellationToken).ConfigureAwait(false);
        return $"resolved to {string.Join(", ", addresses)}; ";
    }

    /// <summary>
    /// Connects and authenticates on one target and returns the session, not yet opened; throws
    /// <see cref="PlatformException"/> when the target does not answer or refuses (the session is then disposed).
    /// </summary>
    protected abstract Task<LinkSession> ConnectTargetAsync(ServiceTarget target, CancellationToken cancellationToken);

    /// <summary>Reads a user's profile on the session's XSP.</summary>
    protected abstract Task<XsiProfile> ReadProfileAsync(LinkSession session, string userId, CancellationToken cancellationToken);

    /// <summary>Remembers the group and service provider a profile names (the first one wins).</summary>
    protected void RememberGroup(XsiProfile profile)
    {
        if (profile.Details is { GroupId: { } groupId, ServiceProvider: { } parent })
        {
            lock (_gate)
            {
                _group ??= new GroupIdentity(parent, groupId, profile.Details.IsEnterprise ?? true);
            }
        }
    }

    /// <summary>The group server mode subscribes: remembered, else from the directory user's (or <paramref name="someUser"/>'s) profile.</summary>
    protected async Task<GroupIdentity> GroupAsync(Func<string, CancellationToken, Task<XsiProfile>> readProfile, string someUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readProfile);
        lock (_gate)
        {
            if (_group is { } known)
            {
                return known;
            }
        }

        var profile = await readProfile(_settings.DirectoryUserId ?? someUser, cancellationToken).ConfigureAwait(false);
        RememberGroup(profile);
        lock (_gate)
        {
            return _group ?? throw new PlatformException(PlatformErrorKind.Configuration, $"The profile of {profile.Details.UserId} names no group and service provider; server mode cannot subscribe the group.");
        }
    }

    protected Task<GroupIdentity> GroupAsync(LinkSession session, string someUser, CancellationToken cancellationToken) =>
        GroupAsync((user, ct) => ReadProfileAsync(session, user, ct), someUser, cancellationToken);

    protected LinkSession? CurrentLinkSession()
    {
        lock (_gate)
        {
            return _session;
        }
    }

    /// <summary>The session commands go to; throws <c>LinkDown</c> (reconnecting or not connected) or the 401 that stopped the link.</summary>
    protected LinkSession ActiveLinkSession()
    {
        lock (_gate)
        {
            if (_failed is { } failed)
            {
                throw new PlatformException(failed.Kind, failed.Message, failed.StatusCode);
            }

            return _session is { IsLost: false } session
                ? session
                : throw new PlatformException(PlatformErrorKind.LinkDown, _state == LinkState.Reconnecting
                    ? "The link to BroadWorks is down; reconnecting."
                    : "The link to BroadWorks is not connected.");
        }
    }

    /// <summary>Awaits <paramref name="task"/>; a lost connection marks the session lost (a reconnect starts) before the error goes on.</summary>
    protected static async Task Guard(LinkSession session, Task task)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            session.MarkLost(ex.Message, ex);
            throw;
        }
    }

    /// <inheritdoc cref="Guard(LinkSession, Task)" />
    protected static async Task<T> Guard<T>(LinkSession session, Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            session.MarkLost(ex.Message, ex);
            throw;
        }
    }

    /// <summary>Resolves the targets, connects on the first that answers, opens the session's channel(s) and subscribes the monitored users.</summary>
    private async Task<LinkSession> EstablishAsync(CancellationToken cancellationToken)
    {
        var (targets, refused) = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = refused.Select(t => $"{t}: refused, outside {Options.Host}").ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            LinkSession session;
            try
            {
                session = await ConnectTargetAsync(targets[i], cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.Kind != PlatformErrorKind.Unauthorized)
            {
                Log.Information("XSP {Target} failed: {Error}", targets[i], ex.Message);
                outcomes.Add($"{targets[i]}: {ex.Message}");
                continue;
            }

            try
            {
                await session.OpenAsync([.. targets.Skip(i + 1)], cancellationToken).ConfigureAwait(false);
                await SubscribeMonitoredAsync(session, cancellationToken).ConfigureAwait(false);
                return session;
            }
            catch
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        throw new PlatformException(PlatformErrorKind.LinkDown, targets.Count == 0
            ? $"No XSP target for {Options.Host}."
            : "No XSP answered: " + string.Join("; ", outcomes));
    }

    private async Task SubscribeMonitoredAsync(LinkSession session, CancellationToken cancellationToken)
    {
        var users = MonitoredUsers();
        if (users.Length == 0)
        {
            return;
        }

        if (IsServer)
        {
            var group = await GroupAsync(session, users[0], cancellationToken).ConfigureAwait(false);
            await session.SubscribeAsync(XsiSubscriptionTarget.Group(group), cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var user in users)
        {
            await session.SubscribeAsync(XsiSubscriptionTarget.User(user), cancellationToken).ConfigureAwait(false);
        }
    }

    private string[] MonitoredUsers()
    {
        lock (_gate)
        {
            return [.. _monitored];
        }
    }

    /// <summary>
    /// Reads the calls of each user (bounded concurrency) and emits a <see cref="CallSnapshotEvent"/> per user, stamped
    /// with how many events were on the stream when its read was sent.
    /// </summary>
    private async Task SnapshotAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _settings.SnapshotConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(userIds, parallel, async (user, ct) =>
        {
            try
            {
                // The read's answer comes on its own request while events keep flowing: the stamp tells the core which
                // events may be newer than the snapshot (CallSnapshotEvent.ReadAfterEvents).
                var before = Interlocked.Read(ref _eventsWritten);
                var snapshot = await GetCallsAsync(user, ct).ConfigureAwait(false);
                await EmitAsync(snapshot with { ReadAfterEvents = before }, ct).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.NotFound or PlatformErrorKind.Forbidden)
            {
                await EmitAsync(new MonitoringEvent { UserId = user, Monitored = false, Reason = ex.Message }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }
}

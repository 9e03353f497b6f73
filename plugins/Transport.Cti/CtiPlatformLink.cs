using System.Threading.Channels;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Framing;
using Ecsta.BroadWorks.Xsi;
using Ecsta.Plugins.Transport.Cti.Http;
using Ecsta.Plugins.Transport.Cti.Wire;
using Ecsta.Plugins.Transport.Xsi;
using Ecsta.Plugins.Transport.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Http;
using Ecsta.Plugins.Transport.Xsi.Link;
using Serilog;

namespace Ecsta.Plugins.Transport.Cti;

/// <summary>
/// One instance's CTI link: one persistent TCP or TLS connection to the XSP carrying tunnelled Xsi-Actions, the event
/// channel and the subscriptions; an HTTP(S) side channel for lines and Remote Office; SRV failover, keepalives,
/// reconnect with backoff. Behaves towards the core exactly like the XSI link. See docs/transport-cti.md.
/// </summary>
public sealed partial class CtiPlatformLink : IPlatformLink, IConnectionTester, ILinkSessionOwner
{
    private readonly PlatformLinkOptions _options;
    private readonly PlatformLinkContext _context;
    private readonly CtiLinkSettings _settings;
    private readonly ServerCertificateValidator _validator;
    private readonly IXmlDocumentFramerFactory _framers;
    private readonly CtiSideChannel _side;
    private readonly Channel<PlatformEvent> _events;
    private readonly ReconnectBackoff _backoff;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _emitGate = new(1, 1);
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly HashSet<string> _monitored = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposed = new();
    private CtiSession? _session;
    private PlatformException? _failed;
    private GroupIdentity? _group;
    private LinkState _state = LinkState.Disconnected;
    private Task _reconnect = Task.CompletedTask;

    internal CtiPlatformLink(PlatformLinkOptions options, PlatformLinkContext context, IXmlDocumentFramerFactory? framers = null)
    {
        _options = options;
        _context = context;
        _settings = CtiLinkSettings.Parse(options.Settings, []);
        _log = context.Log.ForContext<CtiPlatformLink>();
        _validator = new ServerCertificateValidator(options.TrustedCaPath, options.PinnedCertificateSha256);
        _framers = framers ?? new ConsecutiveXmlDocumentFramerFactory();
        _side = new CtiSideChannel(options, _settings, _validator, context.ProtocolTrace);
        _side.Unauthorized += OnUnauthorized;
        _events = Channel.CreateBounded<PlatformEvent>(new BoundedChannelOptions(_settings.Shared.EventCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _backoff = new ReconnectBackoff(_settings.Shared.BackoffInitial, _settings.Shared.BackoffMax);
        InstanceTag = Guid.NewGuid().ToString("N")[..12];
    }

    private string InstanceTag { get; }

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

    internal CtiSession? CurrentSession()
    {
        lock (_gate)
        {
            return _session;
        }
    }

    private bool IsServer => _options.Mode == InstanceMode.Server;

    private bool IsSecure => ConnectionTypes.IsSecure(_options.ConnectionType);

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

            CtiSession session;
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

    /// <summary>Resolves the targets, connects and authenticates on the first that answers, adds the channel and subscribes the monitored users.</summary>
    private async Task<CtiSession> EstablishAsync(CancellationToken cancellationToken)
    {
        var targets = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<string>();
        foreach (var target in targets)
        {
            CtiSession? session = null;
            try
            {
                session = await OpenSessionAsync(target, cancellationToken).ConfigureAwait(false);
                await AuthenticateAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.Kind != PlatformErrorKind.Unauthorized)
            {
                _log.Information("XSP {Target} failed: {Error}", target, ex.Message);
                outcomes.Add($"{target}: {ex.Message}");
                if (session is not null)
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }

                continue;
            }
            catch
            {
                if (session is not null)
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }

                throw;
            }

            try
            {
                await session.OpenChannelAsync(cancellationToken).ConfigureAwait(false);
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
            ? $"No XSP target for {_options.Host}."
            : "No XSP answered: " + string.Join("; ", outcomes));
    }

    private async Task<CtiSession> OpenSessionAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        var connection = await CtiConnection.OpenAsync(target, IsSecure, _validator, _framers, _options, _settings.CredentialsOnEveryRequest, _context.Time, _context.ProtocolTrace, cancellationToken).ConfigureAwait(false);
        var session = new CtiSession(connection, _options, _settings, this, _context.Time, _log, $"ecsta-{_options.InstanceName}-{InstanceTag}-{Guid.NewGuid():N}");
        session.Start();
        return session;
    }

    /// <summary>SRV <c>_ecsta-cti._tcp</c> / <c>_ecsta-cti._tls</c>, else the configured host and port.</summary>
    internal async Task<IReadOnlyList<ServiceTarget>> ResolveAsync(CancellationToken cancellationToken)
    {
        var protocol = IsSecure ? "tls" : "tcp";
        var targets = await _context.ServiceLocator.ResolveAsync("ecsta-cti", protocol, _options.Host, _options.EffectivePort, cancellationToken).ConfigureAwait(false);
        return targets.Count > 0 ? targets : [new ServiceTarget(_options.Host, _options.EffectivePort)];
    }

    /// <summary>
    /// The first request of the socket carries the credentials: the login's profile (workstation), the directory
    /// user's profile (server with <c>directoryUserId</c>), else the versions document.
    /// </summary>
    private async Task AuthenticateAsync(CtiSession session, CancellationToken cancellationToken)
    {
        var profileUser = IsServer ? _settings.Shared.DirectoryUserId : _options.UserId;
        if (profileUser is null)
        {
            await session.SendAsync("GET", XsiPaths.ActionsVersions, cancellationToken).ConfigureAwait(false);
            return;
        }

        var response = await session.SendAsync("GET", XsiPaths.User(profileUser) + "/profile", cancellationToken).ConfigureAwait(false);
        if (response.Document is XsiProfile profile)
        {
            RememberGroup(profile);
        }
    }

    private void RememberGroup(XsiProfile profile)
    {
        if (profile.Details is { GroupId: { } groupId, ServiceProvider: { } parent })
        {
            lock (_gate)
            {
                _group ??= new GroupIdentity(parent, groupId, profile.Details.IsEnterprise ?? true);
            }
        }
    }

    private async Task SubscribeMonitoredAsync(CtiSession session, CancellationToken cancellationToken)
    {
        string[] users;
        lock (_gate)
        {
            users = [.. _monitored];
        }

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

    private async Task<GroupIdentity> GroupAsync(CtiSession session, string someUser, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_group is { } known)
            {
                return known;
            }
        }

        var response = await session.SendAsync("GET", XsiPaths.User(_settings.Shared.DirectoryUserId ?? someUser) + "/profile", cancellationToken).ConfigureAwait(false);
        var profile = response.Document as XsiProfile ?? throw new PlatformException("The profile answer carries no Profile document.");
        RememberGroup(profile);
        lock (_gate)
        {
            return _group ?? throw new PlatformException(PlatformErrorKind.Configuration, $"The profile of {profile.Details.UserId} names no group and service provider; server mode cannot subscribe the group.");
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

        var session = ActiveSession();
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

        if (CurrentSession() is not { } session)
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

    /// <summary>Reads the calls of each user (bounded concurrency) and emits a <see cref="CallSnapshotEvent"/> per user.</summary>
    private async Task SnapshotAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _settings.Shared.SnapshotConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(userIds, parallel, async (user, ct) =>
        {
            try
            {
                var snapshot = await GetCallsAsync(user, ct).ConfigureAwait(false);
                await EmitAsync(snapshot, ct).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.NotFound or PlatformErrorKind.Forbidden)
            {
                await EmitAsync(new MonitoringEvent { UserId = user, Monitored = false, Reason = ex.Message }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private static async Task Guard(CtiSession session, Task task)
    {
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

    private static async Task<T> Guard<T>(CtiSession session, Task<T> task)
    {
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

    private CtiSession ActiveSession()
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

    /// <summary>Sends a tunnelled Xsi-Actions command on the socket; a 401 fails the link, a broken socket starts a reconnect.</summary>
    private async Task<XsiDocument?> SendAsync(string method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false)
    {
        var session = ActiveSession();
        try
        {
            return (await session.SendAsync(method, pathAndQuery, cancellationToken, body, concernsAddress).ConfigureAwait(false)).Document;
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            session.MarkLost(ex.Message, ex);
            throw;
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.Unauthorized)
        {
            OnUnauthorized(ex);
            throw;
        }
    }

    /// <summary>Sends an Xsi-Actions request over the HTTP side channel to the socket's host.</summary>
    private Task<XsiResponse> SideAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false) =>
        _side.SendAsync(ActiveSession().Primary, method, pathAndQuery, cancellationToken, body, concernsAddress);
}

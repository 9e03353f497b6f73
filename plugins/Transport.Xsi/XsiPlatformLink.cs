using System.Threading.Channels;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Xsi;
using Ecsta.Plugins.Transport.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Http;
using Ecsta.Plugins.Transport.Xsi.Link;
using Serilog;

namespace Ecsta.Plugins.Transport.Xsi;

/// <summary>
/// One instance's XSI link: Xsi-Actions for the commands, an Xsi-Events channel set for the events, SRV failover,
/// reconnect with backoff. See docs/transport-xsi.md.
/// </summary>
public sealed partial class XsiPlatformLink : IPlatformLink, IConnectionTester, ILinkSessionOwner
{
    private readonly PlatformLinkOptions _options;
    private readonly PlatformLinkContext _context;
    private readonly XsiLinkSettings _settings;
    private readonly ServerCertificateValidator _validator;
    private readonly XsiRequester _requester;
    private readonly Channel<PlatformEvent> _events;
    private readonly ReconnectBackoff _backoff;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _emitGate = new(1, 1);
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly HashSet<string> _monitored = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposed = new();
    private XsiSession? _session;
    private PlatformException? _failed;
    private GroupIdentity? _group;
    private LinkState _state = LinkState.Disconnected;
    private Task _reconnect = Task.CompletedTask;

    internal XsiPlatformLink(PlatformLinkOptions options, PlatformLinkContext context)
    {
        _options = options;
        _context = context;
        var problems = new List<string>();
        _settings = XsiLinkSettings.Parse(options.Settings, problems);
        _log = context.Log.ForContext<XsiPlatformLink>();
        _validator = new ServerCertificateValidator(options.TrustedCaPath, options.PinnedCertificateSha256);
        _requester = new XsiRequester(XsiHttpClientFactory.Create(options, _validator), options, _validator, context.ProtocolTrace);
        _requester.Unauthorized += OnUnauthorized;
        _events = Channel.CreateBounded<PlatformEvent>(new BoundedChannelOptions(_settings.EventCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _backoff = new ReconnectBackoff(_settings.BackoffInitial, _settings.BackoffMax);
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

    /// <summary>The current channel set id (diagnostics and tests), or null when not connected.</summary>
    internal string? ChannelSetId => CurrentSession()?.ChannelSetId;

    internal XsiSession? CurrentSession()
    {
        lock (_gate)
        {
            return _session;
        }
    }

    private bool IsServer => _options.Mode == InstanceMode.Server;

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

            XsiSession session;
            try
            {
                session = await EstablishAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not PlatformException || ((PlatformException)ex).Kind != PlatformErrorKind.Unauthorized)
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

    /// <summary>Resolves the targets, authenticates on the first that answers, opens the channel set and subscribes the monitored users.</summary>
    private async Task<XsiSession> EstablishAsync(CancellationToken cancellationToken)
    {
        var targets = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new List<string>();
        var index = -1;
        for (var i = 0; i < targets.Count && index < 0; i++)
        {
            try
            {
                await AuthenticateAsync(targets[i], cancellationToken).ConfigureAwait(false);
                index = i;
            }
            catch (PlatformException ex) when (ex.Kind != PlatformErrorKind.Unauthorized)
            {
                _log.Information("XSP {Target} failed: {Error}", targets[i], ex.Message);
                outcomes.Add($"{targets[i]}: {ex.Message}");
            }
        }

        if (index < 0)
        {
            throw new PlatformException(PlatformErrorKind.LinkDown, targets.Count == 0
                ? $"No XSP target for {_options.Host}."
                : "No XSP answered: " + string.Join("; ", outcomes));
        }

        var session = new XsiSession(_requester, _options, _settings, this, _context.Time, _log, targets[index], $"ecsta-{_options.InstanceName}-{InstanceTag}-{Guid.NewGuid():N}");
        try
        {
            await session.OpenAsync([.. targets.Skip(index + 1)], cancellationToken).ConfigureAwait(false);
            await SubscribeMonitoredAsync(session, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal async Task<IReadOnlyList<ServiceTarget>> ResolveAsync(CancellationToken cancellationToken)
    {
        var protocol = ConnectionTypes.IsSecure(_options.ConnectionType) ? "tls" : "tcp";
        var targets = await _context.ServiceLocator.ResolveAsync("ecsta", protocol, _options.Host, _options.EffectivePort, cancellationToken).ConfigureAwait(false);
        return targets.Count > 0 ? targets : [new ServiceTarget(_options.Host, _options.EffectivePort)];
    }

    /// <summary>
    /// Proves the credentials on one XSP: the login's profile (workstation), the directory user's profile (server with
    /// <c>directoryUserId</c>), else the versions document (a group administrator is no user with a profile).
    /// </summary>
    private async Task AuthenticateAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        var profileUser = IsServer ? _settings.DirectoryUserId : _options.UserId;
        if (profileUser is null)
        {
            await _requester.SendAsync(new XsiRequest(HttpMethod.Get, target, XsiPaths.ActionsVersions), cancellationToken).ConfigureAwait(false);
            return;
        }

        var profile = (await _requester.SendAsync(new XsiRequest(HttpMethod.Get, target, XsiPaths.User(profileUser) + "/profile"), cancellationToken).ConfigureAwait(false)).Read<XsiProfile>();
        RememberGroup(profile);
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

    private async Task SubscribeMonitoredAsync(XsiSession session, CancellationToken cancellationToken)
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
            var group = await GroupAsync(session.Primary, users[0], cancellationToken).ConfigureAwait(false);
            await session.SubscribeAsync(XsiSubscriptionTarget.Group(group), cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var user in users)
        {
            await session.SubscribeAsync(XsiSubscriptionTarget.User(user), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<GroupIdentity> GroupAsync(ServiceTarget target, string someUser, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_group is { } known)
            {
                return known;
            }
        }

        var profile = (await _requester.SendAsync(new XsiRequest(HttpMethod.Get, target, XsiPaths.User(_settings.DirectoryUserId ?? someUser) + "/profile"), cancellationToken).ConfigureAwait(false)).Read<XsiProfile>();
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

            var group = await GroupAsync(session.Primary, userIds.First(), cancellationToken).ConfigureAwait(false);
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
        lock (_gate)
        {
            _monitored.ExceptWith(userIds);
            none = _monitored.Count == 0;
        }

        var session = CurrentSession();
        if (session is null)
        {
            return;
        }

        if (IsServer)
        {
            GroupIdentity? group;
            lock (_gate)
            {
                group = _group;
            }

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
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _settings.SnapshotConcurrency, CancellationToken = cancellationToken };
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

    private static async Task Guard(XsiSession session, Task task)
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

    private XsiSession ActiveSession()
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

    /// <summary>Sends an Xsi-Actions request to the session's XSP; a connection failure there starts a reconnect.</summary>
    private async Task<XsiResponse> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false)
    {
        var session = ActiveSession();
        try
        {
            return await _requester.SendAsync(new XsiRequest(method, session.Primary, pathAndQuery, body, concernsAddress), cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            session.MarkLost(ex.Message, ex);
            throw;
        }
    }
}

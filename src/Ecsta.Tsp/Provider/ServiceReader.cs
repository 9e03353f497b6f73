using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Serilog;

namespace Ecsta.Tsp.Provider;

/// <summary>
/// Reads what a line needs from the platform beside its events: its five services (three forwardings, Do Not
/// Disturb, Remote Office) and its profile, at most <see cref="Concurrency"/> lines at a time for the whole instance:
/// 20,000 lines opened at start must not become 100,000 requests at once (connections, memory, the XSP). It only
/// reads; the provider applies what it reads on its loop.
/// </summary>
internal sealed class ServiceReader(IPlatformLink link, ILogger log, CancellationToken stop) : IDisposable
{
    /// <summary>How many lines of an instance read their services at the same time.</summary>
    public const int Concurrency = 8;

    private static readonly UserService[] Services = [UserService.CallForwardingAlways, UserService.CallForwardingBusy,
        UserService.CallForwardingNoAnswer, UserService.DoNotDisturb, UserService.RemoteOffice];

    private readonly SemaphoreSlim _slots = new(Concurrency);

    /// <summary>
    /// Reads the user's services one after the other and hands each setting read to <paramref name="read"/>; a read
    /// that fails is logged and skipped. Returns false when the provider stopped before the reads could start.
    /// </summary>
    public async Task<bool> ReadAsync(string userId, Action<ServiceSetting> read)
    {
        try
        {
            await _slots.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            foreach (var service in Services)
            {
                try
                {
                    read(await link.GetServiceAsync(userId, service, stop).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    log.Debug("Reading {Service} of {UserId} failed: {Error}", service, userId, ex.Message);
                }
            }
        }
        finally
        {
            _slots.Release();
        }

        return true;
    }

    /// <summary>
    /// Reads the user's profile under the same bound. Started is false when the provider stopped before the read
    /// could start; Failed is true when the read failed (logged), Profile null when the transport reads no profile.
    /// </summary>
    public async Task<(bool Started, PlatformLine? Profile, bool Failed)> ReadProfileAsync(string userId)
    {
        try
        {
            await _slots.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return (false, null, false);
        }

        try
        {
            return (true, await link.ReadUserAsync(userId, stop).ConfigureAwait(false), false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Read again the next time the line comes into service.
            log.Information("Reading the profile of {UserId} failed: {Error}", userId, ex.Message);
            return (true, null, true);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Frees the bound; only once no read runs any more (the provider waits for its tasks first).</summary>
    public void Dispose() => _slots.Dispose();
}

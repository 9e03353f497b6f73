namespace Ecsta.Simulator.CallEngine;

/// <summary>Names of the service documents the simulator serves.</summary>
public static class SimServiceNames
{
#pragma warning disable CS1591 // The names are their own documentation.
    public const string CallForwardingAlways = "CallForwardingAlways";
    public const string CallForwardingBusy = "CallForwardingBusy";
    public const string CallForwardingNoAnswer = "CallForwardingNoAnswer";
    public const string DoNotDisturb = "DoNotDisturb";
    public const string RemoteOffice = "RemoteOffice";
    public const string CallWaiting = "CallWaiting";
#pragma warning restore CS1591

    /// <summary>All served service names.</summary>
    public static IReadOnlyList<string> All { get; } = [CallForwardingAlways, CallForwardingBusy, CallForwardingNoAnswer, DoNotDisturb, RemoteOffice, CallWaiting];

    /// <summary>The canonical name for a case-insensitive service path segment, or null.</summary>
    public static string? Canonical(string name) => All.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}

public sealed partial class SimCallEngine
{
    /// <summary>Current state of one service of a user.</summary>
    public ServiceSnapshot GetService(string userId, string serviceName)
    {
        lock (_gate)
        {
            return ServiceOf(RequireUser(userId), serviceName);
        }
    }

    /// <summary>
    /// Changes a service (partial: null members stay) and raises its service event when the state changed.
    /// </summary>
    public void SetService(string userId, string serviceName, ServiceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var user = RequireUser(userId);
            var before = ServiceOf(user, serviceName);
            var services = user.Services;
            switch (serviceName)
            {
                case SimServiceNames.CallForwardingAlways:
                    Apply(services.Always, change);
                    break;
                case SimServiceNames.CallForwardingBusy:
                    Apply(services.Busy, change);
                    break;
                case SimServiceNames.CallForwardingNoAnswer:
                    Apply(services.NoAnswer, change);
                    break;
                case SimServiceNames.DoNotDisturb:
                    services.DoNotDisturb = change.Active ?? services.DoNotDisturb;
                    services.DoNotDisturbRingSplash = change.RingSplash ?? services.DoNotDisturbRingSplash;
                    break;
                case SimServiceNames.RemoteOffice:
                    services.RemoteOfficeNumber = change.Number ?? services.RemoteOfficeNumber;
                    if (change.Active == true && string.IsNullOrEmpty(services.RemoteOfficeNumber))
                    {
                        throw new CallEngineException(400, "Remote Office needs a remoteOfficeNumber");
                    }

                    services.RemoteOfficeActive = change.Active ?? services.RemoteOfficeActive;
                    break;
                case SimServiceNames.CallWaiting:
                    services.CallWaiting = change.Active ?? services.CallWaiting;
                    break;
                default:
                    throw new CallEngineException(404, "Service not assigned: " + serviceName);
            }

            var after = ServiceOf(user, serviceName);
            var eventType = serviceName switch
            {
                SimServiceNames.CallForwardingAlways => SimEventTypes.CallForwardingAlways,
                SimServiceNames.CallForwardingBusy => SimEventTypes.CallForwardingBusy,
                SimServiceNames.CallForwardingNoAnswer => SimEventTypes.CallForwardingNoAnswer,
                SimServiceNames.DoNotDisturb => SimEventTypes.DoNotDisturb,
                SimServiceNames.RemoteOffice => SimEventTypes.RemoteOffice,
                _ => null,
            };
            if (eventType is not null && before != after)
            {
                Emit(new SimEvent { UserId = user.UserId, EventType = eventType, ServiceName = serviceName, Service = after });
            }
        }
    }

    /// <summary>The service event a subscription to the service's package gets initially.</summary>
    public SimEvent CreateServiceSnapshot(string userId, string serviceName, string eventType)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            return new SimEvent { UserId = user.UserId, EventType = eventType, ServiceName = serviceName, Service = ServiceOf(user, serviceName) };
        }
    }

    private static void Apply(ForwardingSetting setting, ServiceChange change)
    {
        setting.ForwardTo = change.Number ?? setting.ForwardTo;
        if (change.Active == true && string.IsNullOrEmpty(setting.ForwardTo))
        {
            throw new CallEngineException(400, "Forwarding needs a forwardToPhoneNumber");
        }

        setting.Active = change.Active ?? setting.Active;
        setting.RingSplash = change.RingSplash ?? setting.RingSplash;
        setting.NumberOfRings = change.NumberOfRings ?? setting.NumberOfRings;
    }

    private static ServiceSnapshot ServiceOf(SimUser user, string serviceName)
    {
        var s = user.Services;
        return serviceName switch
        {
            SimServiceNames.CallForwardingAlways => new(s.Always.Active, s.Always.ForwardTo, s.Always.RingSplash, null),
            SimServiceNames.CallForwardingBusy => new(s.Busy.Active, s.Busy.ForwardTo, null, null),
            SimServiceNames.CallForwardingNoAnswer => new(s.NoAnswer.Active, s.NoAnswer.ForwardTo, null, s.NoAnswer.NumberOfRings),
            SimServiceNames.DoNotDisturb => new(s.DoNotDisturb, null, s.DoNotDisturbRingSplash, null),
            SimServiceNames.RemoteOffice => new(s.RemoteOfficeActive, s.RemoteOfficeNumber, null, null),
            SimServiceNames.CallWaiting => new(s.CallWaiting, null, null, null),
            _ => throw new CallEngineException(404, "Service not assigned: " + serviceName),
        };
    }
}

/// <summary>A (partial) change of a service; null members are left as they are.</summary>
/// <param name="Active">New active flag.</param>
/// <param name="Number">forwardToPhoneNumber or remoteOfficeNumber.</param>
/// <param name="RingSplash">ringSplash.</param>
/// <param name="NumberOfRings">numberOfRings.</param>
public sealed record ServiceChange(bool? Active = null, string? Number = null, bool? RingSplash = null, int? NumberOfRings = null);

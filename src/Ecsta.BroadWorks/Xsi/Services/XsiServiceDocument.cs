using System.Xml;

namespace Ecsta.BroadWorks.Xsi.Services;

/// <summary>
/// A service setting document (<c>GET/PUT user/{userId}/services/{Name}</c>); the same children form the
/// <c>info</c> element of the matching service event (e.g. <c>CallForwardingAlwaysEvent</c>).
/// </summary>
public abstract record XsiServiceDocument : XsiDocument
{
    private protected XsiServiceDocument()
    {
    }

    /// <summary>Whether the service is on; null when a partial PUT leaves it out.</summary>
    public bool? Active { get; init; }

    /// <summary>The service name as in URLs and the root element, e.g. <c>CallForwardingAlways</c>.</summary>
    public string ServiceName => RootName;

    /// <summary>The eventData type announcing a change of this service, e.g. <c>CallForwardingAlwaysEvent</c>.</summary>
    public string EventType => RootName + "Event";

    /// <summary>Reads the service document or event <c>info</c> for the service named <paramref name="serviceName"/>; null if not a known service.</summary>
    internal static XsiServiceDocument? Read(XmlReader r, string serviceName) => serviceName switch
    {
        "CallForwardingAlways" => XsiCallForwardingAlways.Read(r),
        "CallForwardingBusy" => XsiCallForwardingBusy.Read(r),
        "CallForwardingNoAnswer" => XsiCallForwardingNoAnswer.Read(r),
        "DoNotDisturb" => XsiDoNotDisturb.Read(r),
        "RemoteOffice" => XsiRemoteOffice.Read(r),
        _ => null,
    };
}

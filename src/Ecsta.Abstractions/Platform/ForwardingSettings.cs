namespace Ecsta.Abstractions.Platform;

/// <summary>A BroadWorks service the TSP reads and sets.</summary>
public enum UserService
{
    /// <summary>Call Forwarding Always.</summary>
    CallForwardingAlways,
    /// <summary>Call Forwarding Busy.</summary>
    CallForwardingBusy,
    /// <summary>Call Forwarding No Answer.</summary>
    CallForwardingNoAnswer,
    /// <summary>Do Not Disturb.</summary>
    DoNotDisturb,
    /// <summary>Remote Office.</summary>
    RemoteOffice,
}

/// <summary>The state of one service: on or off, with its number and ring count where it has them.</summary>
/// <param name="Service">Which service.</param>
/// <param name="Active">Whether it is on.</param>
/// <param name="Number">Forward-to number or Remote Office number, unformatted (e.g. <c>tel:1020</c>), if any.</param>
/// <param name="NumberOfRings">Rings before no-answer forwarding, if reported.</param>
public sealed record ServiceSetting(UserService Service, bool Active, string? Number = null, int? NumberOfRings = null);

namespace Ecsta.Simulator.CallEngine;

/// <summary>Service settings of one user (the services of docs/broadworks.md §3).</summary>
public sealed class UserServices
{
    /// <summary>Call Forwarding Always.</summary>
    public ForwardingSetting Always { get; } = new();

    /// <summary>Call Forwarding Busy.</summary>
    public ForwardingSetting Busy { get; } = new();

    /// <summary>Call Forwarding No Answer; <see cref="ForwardingSetting.NumberOfRings"/> applies.</summary>
    public ForwardingSetting NoAnswer { get; } = new() { NumberOfRings = 3 };

    /// <summary>Do Not Disturb active.</summary>
    public bool DoNotDisturb { get; set; }

    /// <summary>Ring splash of DND.</summary>
    public bool DoNotDisturbRingSplash { get; set; }

    /// <summary>Remote Office active.</summary>
    public bool RemoteOfficeActive { get; set; }

    /// <summary>Remote Office number.</summary>
    public string? RemoteOfficeNumber { get; set; }

    /// <summary>Call Waiting active; when off, a user with a live call is busy for new calls.</summary>
    public bool CallWaiting { get; set; } = true;
}

/// <summary>One call forwarding service.</summary>
public sealed class ForwardingSetting
{
    /// <summary>Active flag.</summary>
    public bool Active { get; set; }

    /// <summary>Forward-to number.</summary>
    public string? ForwardTo { get; set; }

    /// <summary>Ring splash (CFA only).</summary>
    public bool RingSplash { get; set; }

    /// <summary>Rings before forwarding (CFNA only).</summary>
    public int NumberOfRings { get; set; }
}

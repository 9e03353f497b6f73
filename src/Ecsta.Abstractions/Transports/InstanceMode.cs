namespace Ecsta.Abstractions.Transports;

/// <summary>How an instance logs in.</summary>
public enum InstanceMode
{
    /// <summary>One user's phone with the user's own credentials; subscribes the user.</summary>
    Workstation = 0,
    /// <summary>Many lines of one group with a group administrator's credentials; subscribes the group.</summary>
    Server = 1,
}

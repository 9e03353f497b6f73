namespace Ecsta.Simulator.CallEngine;

/// <summary>A simulated BroadWorks user (one phone line).</summary>
public sealed class SimUser
{
    /// <summary>BroadWorks user id, e.g. <c>u1001@sim.ecsta.test</c>.</summary>
    public required string UserId { get; init; }

    /// <summary>Full phone number (E.164 with +).</summary>
    public required string Number { get; init; }

    /// <summary>Extension inside the group.</summary>
    public required string Extension { get; init; }

    /// <summary>First name.</summary>
    public required string FirstName { get; init; }

    /// <summary>Last name.</summary>
    public required string LastName { get; init; }

    /// <summary>Password for Basic authentication (changeable by faults).</summary>
    public required string Password { get; set; }

    /// <summary>The group the user belongs to.</summary>
    public required SimGroup Group { get; init; }

    /// <summary>
    /// How long the simulated phone takes to answer the user's own leg of a click-to-dial call;
    /// <c>null</c> = never (the own leg keeps alerting until answered with Talk or timed out).
    /// </summary>
    public TimeSpan? AutoAnswerDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The user's service settings.</summary>
    public UserServices Services { get; } = new();

    /// <summary>Display name, "First Last".</summary>
    public string DisplayName => FirstName + " " + LastName;

    /// <summary>The DN as BroadWorks writes it in <c>userDN</c>.</summary>
    public string UserDn => "tel:" + Number + ";ext=" + Extension;
}

/// <summary>A group of users inside a service provider or enterprise.</summary>
public sealed class SimGroup
{
    /// <summary>Group id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Service provider or enterprise id.</summary>
    public required string ServiceProviderId { get; init; }

    /// <summary>True when <see cref="ServiceProviderId"/> is an enterprise.</summary>
    public bool IsEnterprise { get; init; } = true;
}

/// <summary>A group administrator: credentials that act on every user of the group.</summary>
public sealed class GroupAdministrator
{
    /// <summary>Login id.</summary>
    public required string UserId { get; init; }

    /// <summary>Password.</summary>
    public required string Password { get; set; }

    /// <summary>The administered group.</summary>
    public required SimGroup Group { get; init; }
}

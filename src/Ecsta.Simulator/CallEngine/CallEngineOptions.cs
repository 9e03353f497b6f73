namespace Ecsta.Simulator.CallEngine;

/// <summary>Timing and behaviour of the call engine.</summary>
public sealed record CallEngineOptions
{
    /// <summary>Duration of one ring, for Call Forwarding No Answer (numberOfRings × this).</summary>
    public TimeSpan RingInterval { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>An unanswered call (own click-to-dial leg or a far end) is released after this; null = never.</summary>
    public TimeSpan? NoAnswerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time a caller spends in busy treatment (CallReleasingEvent) before the CallReleasedEvent.</summary>
    public TimeSpan BusyTreatment { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Auto-answer delay of the simulated phones for the own leg of click-to-dial (null = never).</summary>
    public TimeSpan? AutoAnswerDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Domain of generated user ids.</summary>
    public string Domain { get; init; } = "sim.ecsta.test";

    /// <summary>Country prefix + area of generated numbers (numbers are this + extension).</summary>
    public string NumberPrefix { get; init; } = "+4930555";

    /// <summary>First extension.</summary>
    public int FirstExtension { get; init; } = 1001;

    /// <summary>Group id.</summary>
    public string GroupId { get; init; } = "SimGroup";

    /// <summary>Enterprise (service provider) id.</summary>
    public string EnterpriseId { get; init; } = "SimEnterprise";
}

namespace Ecsta.LoadHarness;

/// <summary>What one run of <c>ecsta-load</c> does (the command line's options).</summary>
internal sealed record HarnessOptions
{
    /// <summary>Lines of the one server-mode instance (= simulator users).</summary>
    public int Lines { get; init; } = 20_000;

    /// <summary>The instance's connection type: <c>cti</c> or <c>http</c>.</summary>
    public string Transport { get; init; } = "cti";

    /// <summary>Target call events per second (each call cycle is three: received, answered, released).</summary>
    public int Rate { get; init; } = 2_000;

    /// <summary>Seconds of driven calls.</summary>
    public int Seconds { get; init; } = 30;

    /// <summary>Whether to drop every connection at idle and time the recovery.</summary>
    public bool Fault { get; init; } = true;

    /// <summary>How long the simulated phone rings before it is answered (must exceed the host's 250 ms phantom window).</summary>
    public TimeSpan AnswerAfter { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>How long an answered call lasts before the caller hangs up.</summary>
    public TimeSpan TalkFor { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long to wait for all lines to come into service before giving up.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Seconds to stay idle after the idle measurement (to attach dotnet-gcdump or dotnet-trace); 0 = none.</summary>
    public int HoldIdleSeconds { get; init; }

    /// <summary>A file for the host's and simulator's log (Information and above); null = no log.</summary>
    public string? LogPath { get; init; }
}

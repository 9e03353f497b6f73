namespace Ecsta.Tsp.Provider;

/// <summary>How a line device is named (the instance's "line name format" option).</summary>
public enum LineNameFormat
{
    /// <summary><c>number / name</c>.</summary>
    Standard = 0,
    /// <summary>The number only.</summary>
    Number,
    /// <summary>The name only.</summary>
    Name,
}

/// <summary>One configured line of an instance: a BroadWorks user that becomes a TAPI line device.</summary>
/// <param name="UserId">The BroadWorks user id; the line's identity within the instance.</param>
/// <param name="Number">The line's number: the address of its one TAPI address.</param>
/// <param name="Name">The display name.</param>
public sealed record TspLineSettings(string UserId, string Number, string Name);

/// <summary>The options of an instance that the TSP core uses.</summary>
public sealed record TspOptions
{
    /// <summary>"Return to held party": retrieve the held call when its consultation call ends.</summary>
    public bool ReturnToHeldParty { get; init; } = true;

    /// <summary>How line devices are named.</summary>
    public LineNameFormat LineNameFormat { get; init; } = LineNameFormat.Standard;

    /// <summary>"Snapshot for active calls": how often lines with calls are reconciled; zero turns it off.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.Zero;

    /// <summary>How often a line whose monitoring could not start is tried again.</summary>
    public TimeSpan MonitorRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new incoming call is held back (docs/tapi-mapping.md §4.3); zero turns it off.</summary>
    public TimeSpan PhantomWindow { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a request may wait for its answer or confirming event (docs/tapi-mapping.md R5).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Everything the TSP core needs to know about one driver instance.</summary>
/// <param name="Name">The instance's name (unique in the host).</param>
/// <param name="Lines">The configured lines, in order.</param>
/// <param name="Options">The instance's options.</param>
public sealed record TspInstanceSettings(string Name, IReadOnlyList<TspLineSettings> Lines, TspOptions Options);

using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>One application's open of a line (hdLine).</summary>
internal sealed class LineHandle(uint id, LineDevice line, ITapiEventSink sink, LineCallPrivilege privileges)
{
    public uint Id { get; } = id;
    public LineDevice Line { get; } = line;
    public ITapiEventSink Sink { get; } = sink;
    public LineCallPrivilege Privileges { get; } = privileges;
    public bool IsOwner => (Privileges & LineCallPrivilege.OWNER) != 0;
    public bool Closed { get; set; }

    /// <summary>lineSetStatusMessages: LINEDEVSTATE_* this handle wants (all by default).</summary>
    public LineDevState LineStates { get; set; } = (LineDevState)0xFFFFFFFF;

    /// <summary>lineSetStatusMessages: LINEADDRESSSTATE_* this handle wants (all by default).</summary>
    public LineAddressState AddressStates { get; set; } = (LineAddressState)0xFFFFFFFF;

    /// <summary>lineSetDefaultMediaDetection.</summary>
    public LineMediaMode MediaModes { get; set; } = LineMediaMode.INTERACTIVEVOICE;
}

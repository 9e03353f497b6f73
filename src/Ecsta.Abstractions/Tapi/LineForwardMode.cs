namespace Ecsta.Abstractions.Tapi;

/// <summary>LINEFORWARDMODE_* values.</summary>
[Flags]
public enum LineForwardMode : uint
{
    /// <summary>Unconditional forwarding (with an empty destination: do not disturb).</summary>
    UNCOND = 0x1,
    /// <summary>Unconditional, internal callers.</summary>
    UNCONDINTERNAL = 0x2,
    /// <summary>Unconditional, external callers.</summary>
    UNCONDEXTERNAL = 0x4,
    /// <summary>Unconditional, specific caller.</summary>
    UNCONDSPECIFIC = 0x8,
    /// <summary>On busy.</summary>
    BUSY = 0x10,
    /// <summary>On busy, internal callers.</summary>
    BUSYINTERNAL = 0x20,
    /// <summary>On busy, external callers.</summary>
    BUSYEXTERNAL = 0x40,
    /// <summary>On busy, specific caller.</summary>
    BUSYSPECIFIC = 0x80,
    /// <summary>On no answer.</summary>
    NOANSW = 0x100,
    /// <summary>On no answer, internal callers.</summary>
    NOANSWINTERNAL = 0x200,
    /// <summary>On no answer, external callers.</summary>
    NOANSWEXTERNAL = 0x400,
    /// <summary>On no answer, specific caller.</summary>
    NOANSWSPECIFIC = 0x800,
    /// <summary>On busy or no answer.</summary>
    BUSYNA = 0x1000,
    /// <summary>On busy or no answer, internal callers.</summary>
    BUSYNAINTERNAL = 0x2000,
    /// <summary>On busy or no answer, external callers.</summary>
    BUSYNAEXTERNAL = 0x4000,
    /// <summary>On busy or no answer, specific caller.</summary>
    BUSYNASPECIFIC = 0x8000,
    /// <summary>Mode unknown.</summary>
    UNKNOWN = 0x10000,
    /// <summary>Mode unavailable.</summary>
    UNAVAIL = 0x20000,
}

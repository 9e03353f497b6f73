namespace Ecsta.Abstractions.Licensing;

/// <summary>
/// The pool of line seats shared by all instances. Opening a line takes a seat, closing it gives it back.
/// Implementations are thread-safe.
/// </summary>
public interface ILicensePool
{
    /// <summary>The current state.</summary>
    LicenseStatus GetStatus();

    /// <summary>Takes a seat for a line. Taking a seat a line already holds succeeds without taking another.</summary>
    /// <param name="instanceName">The instance.</param>
    /// <param name="lineId">The line within the instance.</param>
    SeatResult TryAcquireSeat(string instanceName, string lineId);

    /// <summary>Gives a line's seat back; nothing happens if it holds none.</summary>
    void ReleaseSeat(string instanceName, string lineId);

    /// <summary>Whether open lines may still be controlled and monitored; <paramref name="reason"/> says why not.</summary>
    bool IsOperational(out string? reason);

    /// <summary>Adds a license code; a code added twice counts once.</summary>
    LicenseAddResult AddCode(string code);

    /// <summary>Raised when the mode or the seat count changes (a code added, the trial ended).</summary>
    event EventHandler? StatusChanged;
}

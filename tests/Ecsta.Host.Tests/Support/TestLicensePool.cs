using Ecsta.Abstractions.Licensing;

namespace Ecsta.Host.Tests.Support;

/// <summary>A seat pool with a fixed number of seats.</summary>
internal sealed class TestLicensePool(int seats) : ILicensePool
{
    private readonly HashSet<(string, string)> _taken = [];

    public IReadOnlyCollection<(string, string)> Taken => _taken;

    public LicenseStatus GetStatus() => new(LicenseMode.Licensed, 0, seats, _taken.Count, [], null);

    public SeatResult TryAcquireSeat(string instanceName, string lineId)
    {
        if (_taken.Contains((instanceName, lineId))) return SeatResult.Ok;
        if (_taken.Count >= seats) return new SeatResult(false, $"all {seats} line seats are in use");
        _taken.Add((instanceName, lineId));
        return SeatResult.Ok;
    }

    public void ReleaseSeat(string instanceName, string lineId) => _taken.Remove((instanceName, lineId));

    public bool IsOperational(out string? reason)
    {
        reason = null;
        return true;
    }

    public LicenseAddResult AddCode(string code) => new(false, "not supported", null);

#pragma warning disable CS0067 // never raised by this double
    public event EventHandler? StatusChanged;
#pragma warning restore CS0067
}

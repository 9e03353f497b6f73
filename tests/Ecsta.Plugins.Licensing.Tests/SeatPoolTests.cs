using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Tests.Support;

namespace Ecsta.Plugins.Licensing.Tests;

public sealed class SeatPoolTests : IDisposable
{
    private readonly LicensingBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void Two_instances_draw_from_the_same_pool()
    {
        var pool = _bed.Open();
        pool.AddCode(_bed.Issue(30));

        Assert.Equal(20, pool.OpenLines("berlin", 20));
        Assert.Equal(10, pool.OpenLines("hamburg", 15));

        var status = pool.GetStatus();
        Assert.Equal(30, status.SeatsInUse);
        Assert.False(pool.TryAcquireSeat("berlin", "line-21").Granted);

        pool.ReleaseSeat("hamburg", "line-1");
        Assert.True(pool.TryAcquireSeat("berlin", "line-21").Granted);
    }

    [Fact]
    public void The_same_line_id_in_two_instances_takes_two_seats()
    {
        var pool = _bed.Open();

        pool.TryAcquireSeat("berlin", "100");
        pool.TryAcquireSeat("hamburg", "100");

        Assert.Equal(2, pool.GetStatus().SeatsInUse);
    }

    [Fact]
    public void Concurrent_requests_never_grant_more_seats_than_the_pool_holds()
    {
        var pool = _bed.Open();
        var granted = 0;

        Parallel.For(0, 200, i =>
        {
            if (pool.TryAcquireSeat($"instance-{i % 4}", $"line-{i}").Granted)
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(25, granted);
        Assert.Equal(25, pool.GetStatus().SeatsInUse);
    }

    [Fact]
    public void Lines_stay_open_when_a_code_expires_but_no_new_line_gets_a_seat_beyond_the_new_total()
    {
        var pool = _bed.Open();
        pool.AddCode(_bed.Issue(40, expires: new DateOnly(2026, 3, 5)));
        Assert.Equal(30, pool.OpenLines("main", 30));

        _bed.Time.Advance(TimeSpan.FromDays(5));

        var status = pool.GetStatus();
        Assert.Equal(LicenseMode.Trial, status.Mode);
        Assert.Equal(30, status.SeatsInUse);
        Assert.True(pool.IsOperational(out _));
        Assert.False(pool.TryAcquireSeat("main", "line-31").Granted);
    }
}

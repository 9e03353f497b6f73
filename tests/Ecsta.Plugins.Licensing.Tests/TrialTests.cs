using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Tests.Support;

namespace Ecsta.Plugins.Licensing.Tests;

public sealed class TrialTests : IDisposable
{
    private readonly LicensingBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void A_first_start_is_a_trial_with_25_seats_and_45_days_left()
    {
        var status = _bed.Open().GetStatus();

        Assert.Equal(LicenseMode.Trial, status.Mode);
        Assert.Equal(25, status.SeatsTotal);
        Assert.Equal(0, status.SeatsInUse);
        Assert.Equal(45, status.TrialDaysLeft);
        Assert.Empty(status.Codes);
        Assert.Null(status.Reason);
    }

    [Fact]
    public void The_26th_line_is_refused_with_a_reason_while_25_lines_are_open()
    {
        var pool = _bed.Open();

        Assert.Equal(25, pool.OpenLines("main", 25));
        var refused = pool.TryAcquireSeat("main", "line-26");

        Assert.False(refused.Granted);
        Assert.StartsWith(LicenseReasons.NoSeat, refused.Reason, StringComparison.Ordinal);
        Assert.Contains("25 trial lines", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(25, pool.GetStatus().SeatsInUse);
    }

    [Fact]
    public void Taking_a_seat_for_a_line_that_already_holds_one_takes_no_second_seat()
    {
        var pool = _bed.Open();

        Assert.True(pool.TryAcquireSeat("main", "4711").Granted);
        Assert.True(pool.TryAcquireSeat("main", "4711").Granted);

        Assert.Equal(1, pool.GetStatus().SeatsInUse);
    }

    [Fact]
    public void Releasing_a_line_gives_its_seat_back_for_another_line()
    {
        var pool = _bed.Open();
        pool.OpenLines("main", 25);

        pool.ReleaseSeat("main", "line-3");
        pool.ReleaseSeat("main", "never-opened");

        Assert.Equal(24, pool.GetStatus().SeatsInUse);
        Assert.True(pool.TryAcquireSeat("main", "line-26").Granted);
        Assert.False(pool.TryAcquireSeat("main", "line-27").Granted);
    }

    [Fact]
    public void Just_before_day_45_the_trial_still_runs_with_one_day_left()
    {
        var pool = _bed.Open();

        _bed.Time.Advance(TimeSpan.FromDays(45) - TimeSpan.FromMinutes(1));

        var status = pool.GetStatus();
        Assert.Equal(LicenseMode.Trial, status.Mode);
        Assert.Equal(1, status.TrialDaysLeft);
        Assert.True(pool.IsOperational(out _));
    }

    [Fact]
    public void On_day_45_the_trial_has_expired_no_line_can_be_opened_and_the_pool_is_not_operational()
    {
        var pool = _bed.Open();
        pool.OpenLines("main", 3);

        _bed.Time.Advance(TimeSpan.FromDays(45));

        var status = pool.GetStatus();
        Assert.Equal(LicenseMode.Expired, status.Mode);
        Assert.Equal(0, status.SeatsTotal);
        Assert.Equal(0, status.TrialDaysLeft);
        Assert.StartsWith(LicenseReasons.TrialEnded, status.Reason, StringComparison.Ordinal);
        Assert.Contains("2026-04-15", status.Reason, StringComparison.Ordinal);

        Assert.False(pool.IsOperational(out var reason));
        Assert.Equal(status.Reason, reason);

        var seat = pool.TryAcquireSeat("main", "line-10");
        Assert.False(seat.Granted);
        Assert.Equal(status.Reason, seat.Reason);
        Assert.False(pool.TryAcquireSeat("other", "line-1").Granted);
    }

    [Fact]
    public void The_end_of_the_trial_raises_StatusChanged_from_the_timer_without_any_call()
    {
        var pool = _bed.Open();
        var changes = 0;
        pool.StatusChanged += (_, _) => changes++;

        _bed.Time.Advance(TimeSpan.FromDays(44));
        Assert.Equal(0, changes);

        _bed.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, changes);

        _bed.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, changes);
        Assert.Equal(LicenseMode.Expired, pool.GetStatus().Mode);
    }

    [Fact]
    public void A_code_added_after_the_trial_ended_makes_lines_usable_again()
    {
        var pool = _bed.Open();
        _bed.Time.Advance(TimeSpan.FromDays(60));
        Assert.False(pool.IsOperational(out _));

        var added = pool.AddCode(_bed.Issue(10));

        Assert.True(added.Accepted);
        Assert.True(pool.IsOperational(out var reason));
        Assert.Null(reason);
        Assert.Equal(10, pool.OpenLines("main", 11));
    }
}

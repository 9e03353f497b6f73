using System.Text.Json.Nodes;
using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ecsta.Plugins.Licensing.Tests;

public sealed class StateTests : IDisposable
{
    private readonly LicensingBed _bed = new();

    public void Dispose() => _bed.Dispose();

    private static FakeTimeProvider ClockOnDay(double day) => new(LicensingBed.FirstStart + TimeSpan.FromDays(day));

    [Fact]
    public void The_trial_start_and_the_codes_persist_across_reopen()
    {
        var first = _bed.Open();
        first.AddCode(_bed.Issue(50, id: 42));
        ((IDisposable)first).Dispose();

        var reopened = _bed.Open(ClockOnDay(10)).GetStatus();

        Assert.Equal(LicenseMode.Licensed, reopened.Mode);
        Assert.Equal(50, reopened.SeatsTotal);
        Assert.Equal("000000000000002A", Assert.Single(reopened.Codes).Id);
    }

    [Fact]
    public void Reopening_after_day_45_without_a_code_finds_the_trial_expired()
    {
        ((IDisposable)_bed.Open()).Dispose();

        var pool = _bed.Open(ClockOnDay(46));

        Assert.False(pool.IsOperational(out var reason));
        Assert.StartsWith(LicenseReasons.TrialEnded, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_state_file_does_not_restart_the_trial()
    {
        ((IDisposable)_bed.Open()).Dispose();
        File.Delete(_bed.StatePath);

        var status = _bed.Open(ClockOnDay(20)).GetStatus();

        Assert.Equal(LicenseMode.Trial, status.Mode);
        Assert.Equal(25, status.TrialDaysLeft);
        Assert.True(File.Exists(_bed.StatePath));
    }

    [Fact]
    public void Deleting_the_state_file_after_day_45_keeps_the_trial_expired()
    {
        ((IDisposable)_bed.Open()).Dispose();
        File.Delete(_bed.StatePath);

        Assert.Equal(LicenseMode.Expired, _bed.Open(ClockOnDay(50)).GetStatus().Mode);
    }

    [Fact]
    public void Editing_the_trial_start_in_the_state_file_does_not_restart_the_trial()
    {
        var first = _bed.Open();
        first.AddCode(_bed.Issue(10, expires: new DateOnly(2026, 3, 2)));
        ((IDisposable)first).Dispose();
        var state = JsonNode.Parse(File.ReadAllText(_bed.StatePath))!;
        state["trialStart"] = "2026-06-01T00:00:00.0000000+00:00";
        File.WriteAllText(_bed.StatePath, state.ToJsonString());

        var status = _bed.Open(ClockOnDay(40)).GetStatus();

        Assert.Equal(LicenseMode.Trial, status.Mode);
        Assert.Equal(5, status.TrialDaysLeft);
        Assert.Single(status.Codes);
    }

    [Fact]
    public void A_deleted_marker_is_rewritten_from_the_state_file()
    {
        ((IDisposable)_bed.Open()).Dispose();
        File.Delete(_bed.MarkerPath);
        ((IDisposable)_bed.Open(ClockOnDay(1))).Dispose();
        File.Delete(_bed.StatePath);

        var status = _bed.Open(ClockOnDay(2)).GetStatus();

        Assert.Equal(43, status.TrialDaysLeft);
    }

    [Fact]
    public void An_edited_state_file_without_its_marker_ends_the_trial_with_a_reason()
    {
        ((IDisposable)_bed.Open()).Dispose();
        File.Delete(_bed.MarkerPath);
        File.WriteAllText(_bed.StatePath, File.ReadAllText(_bed.StatePath).Replace("2026-03-01", "2026-03-09", StringComparison.Ordinal));

        var pool = _bed.Open(ClockOnDay(1));

        Assert.False(pool.IsOperational(out var reason));
        Assert.StartsWith(LicenseReasons.TrialVoid, reason, StringComparison.Ordinal);
        Assert.Contains("altered", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void State_and_marker_edited_inconsistently_end_the_trial_and_it_stays_ended()
    {
        ((IDisposable)_bed.Open()).Dispose();
        var oldMarker = File.ReadAllBytes(_bed.MarkerPath);
        var markerPath = _bed.MarkerPath;
        File.Delete(_bed.StatePath);
        File.Delete(markerPath);
        ((IDisposable)_bed.Open(ClockOnDay(3))).Dispose();
        File.WriteAllBytes(markerPath, oldMarker);

        var pool = _bed.Open(ClockOnDay(4));
        Assert.False(pool.IsOperational(out var reason));
        Assert.StartsWith(LicenseReasons.TrialVoid, reason, StringComparison.Ordinal);
        Assert.Contains("disagree", reason, StringComparison.Ordinal);
        ((IDisposable)pool).Dispose();

        File.Delete(_bed.StatePath);
        Assert.Equal(LicenseMode.Expired, _bed.Open(ClockOnDay(5)).GetStatus().Mode);
    }

    [Fact]
    public void The_same_state_folder_named_with_a_trailing_separator_finds_the_same_marker()
    {
        ((IDisposable)_bed.Open()).Dispose();
        File.Delete(_bed.StatePath);

        var status = _bed.Open(ClockOnDay(5), _bed.StateDirectory + Path.DirectorySeparatorChar).GetStatus();

        Assert.Equal(40, status.TrialDaysLeft);
    }

    [Fact]
    public void A_marker_copied_from_another_state_folder_does_not_count()
    {
        var otherFolder = Path.Combine(_bed.Root, "other-config");
        ((IDisposable)_bed.Open(stateDirectory: otherFolder)).Dispose();
        var foreignMarker = _bed.MarkerPath;
        ((IDisposable)_bed.Open(ClockOnDay(1))).Dispose();
        var ownMarker = Directory.GetFiles(_bed.MarkerDirectory).Single(f => f != foreignMarker);
        File.Delete(_bed.StatePath);
        File.Copy(foreignMarker, ownMarker, overwrite: true);

        var pool = _bed.Open(ClockOnDay(2));

        Assert.False(pool.IsOperational(out var reason));
        Assert.StartsWith(LicenseReasons.TrialVoid, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_license_code_still_works_when_the_trial_was_voided_by_tampering()
    {
        var first = _bed.Open();
        first.AddCode(_bed.Issue(12));
        ((IDisposable)first).Dispose();
        File.Delete(_bed.MarkerPath);
        File.WriteAllText(_bed.StatePath, File.ReadAllText(_bed.StatePath).Replace("2026-03-01", "2026-03-09", StringComparison.Ordinal));

        var status = _bed.Open(ClockOnDay(1)).GetStatus();

        Assert.Equal(LicenseMode.Licensed, status.Mode);
        Assert.Equal(12, status.SeatsTotal);
    }

    [Fact]
    public void Setting_the_clock_back_between_starts_gains_no_trial_days()
    {
        _bed.Open();
        _bed.Time.Advance(TimeSpan.FromDays(10));

        // No clean shutdown: the periodic check already wrote the latest time seen.
        var status = _bed.Open(ClockOnDay(2)).GetStatus();

        Assert.Equal(35, status.TrialDaysLeft);
    }

    [Fact]
    public void Setting_the_clock_back_while_running_gains_no_trial_days()
    {
        var clock = new ManualClock(LicensingBed.FirstStart);
        var pool = _bed.Open(clock);
        clock.Now = LicensingBed.FirstStart.AddDays(44.5);
        Assert.Equal(1, pool.GetStatus().TrialDaysLeft);

        clock.Now = LicensingBed.FirstStart.AddDays(3);

        Assert.Equal(1, pool.GetStatus().TrialDaysLeft);
        clock.Now = LicensingBed.FirstStart.AddDays(45);
        Assert.Equal(LicenseMode.Expired, pool.GetStatus().Mode);
    }

    [Fact]
    public void A_code_added_by_another_process_is_picked_up_at_the_next_check()
    {
        var host = _bed.Open();
        var changes = 0;
        host.StatusChanged += (_, _) => changes++;
        var cli = _bed.Open();

        Assert.True(cli.AddCode(_bed.Issue(40)).Accepted);
        Assert.Equal(LicenseMode.Trial, host.GetStatus().Mode);

        _bed.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(40, host.GetStatus().SeatsTotal);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Saving_merges_codes_another_process_wrote_instead_of_losing_them()
    {
        var host = _bed.Open();
        var cli = _bed.Open();
        cli.AddCode(_bed.Issue(40));

        host.AddCode(_bed.Issue(10));

        Assert.Equal(50, _bed.Open().GetStatus().SeatsTotal);
    }

    [Fact]
    public void State_files_are_owner_only_and_no_temporary_files_are_left()
    {
        var pool = _bed.Open();
        pool.AddCode(_bed.Issue(5));

        Assert.Equal(["license-state.json"], Directory.GetFiles(_bed.StateDirectory).Select(Path.GetFileName));
        Assert.Single(Directory.GetFiles(_bed.MarkerDirectory));
        Assert.DoesNotContain(_bed.Issue(5)[..20], File.ReadAllText(_bed.MarkerPath), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_bed.StatePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_bed.MarkerPath));
        }
    }

    [Fact]
    public void A_state_file_that_is_not_json_does_not_restart_the_trial()
    {
        ((IDisposable)_bed.Open()).Dispose();
        File.WriteAllText(_bed.StatePath, "{ not json");

        var status = _bed.Open(ClockOnDay(30)).GetStatus();

        Assert.Equal(15, status.TrialDaysLeft);
    }
}

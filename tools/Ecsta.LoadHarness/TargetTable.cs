using System.Globalization;

namespace Ecsta.LoadHarness;

/// <summary>The design's targets (docs/performance.md) judged against one run's measurements.</summary>
internal static class TargetTable
{
    /// <summary>One row: the target, what was measured, and PASS, MISS or n/a (not measured in this run).</summary>
    public sealed record Row(string Target, string Goal, string Measured, string Verdict);

    public static IReadOnlyList<Row> Judge(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ci = CultureInfo.InvariantCulture;
        var s = result.Startup;
        var rows = new List<Row>
        {
            new(
                $"Scale: {s.Lines} lines in service",
                "all within 15 s",
                s.AllInService ? string.Create(ci, $"{s.InServiceSeconds:F2} s") : string.Create(ci, $"{s.InServiceLines}/{s.Lines} after {s.InServiceSeconds:F1} s"),
                Verdict(s.AllInService && s.InServiceSeconds <= 15)),
            new(
                "Scale: host memory at idle",
                "< 400 MB",
                string.Create(ci, $"{result.Memory.HostWorkingSetMb:F0} MiB host share ({result.Memory.Idle.WorkingSetMb:F0} MiB process incl. simulator, {result.Memory.Idle.ManagedMb:F0} MiB managed)"),
                Verdict(result.Memory.HostWorkingSetMb * 1.048576 < 400)),
            new(
                "Scale: idle CPU (no timer per line)",
                "~0",
                string.Create(ci, $"{result.Memory.IdleCpuShare:P1} of a core"),
                Verdict(result.Memory.IdleCpuShare < 0.05)),
        };

        if (result.Speed is { } speed)
        {
            var keptUp = speed.Missing == 0 && speed.DrainMs < 1000;
            rows.Add(new(
                "Speed: call events sustained",
                string.Create(ci, $"{result.TargetRate}/s"),
                string.Create(ci, $"{speed.Drive.SteadyCallEventsPerSecond:F0}/s emitted; host {(keptUp ? "kept up" : $"fell behind ({speed.Missing} missing, drain {speed.DrainMs:F0} ms)")}"),
                result.TargetRate < 2000 ? "n/a (rate below 2000/s)" : Verdict(keptUp && speed.Drive.SteadyCallEventsPerSecond >= 0.98 * result.TargetRate)));
            rows.Add(new(
                $"Speed: p99 event → LINE_CALLSTATE ({result.Transport})",
                "< 10 ms over CTI",
                string.Create(ci, $"p50 {speed.StateChanges.P50Ms:F2} ms, p99 {speed.StateChanges.P99Ms:F2} ms, max {speed.StateChanges.MaxMs:F1} ms (n={speed.StateChanges.Count})"),
                result.Transport == "cti" ? Verdict(speed.StateChanges.P99Ms < 10 && speed.StateChanges.Count > 0) : "n/a"));
        }

        if (result.Fault is { } fault)
        {
            rows.Add(new(
                "Resilience: all lines back after a link fault",
                "within 30 s",
                fault.AllBack ? string.Create(ci, $"{fault.BackInServiceSeconds:F2} s") : string.Create(ci, $"{fault.InServiceLines}/{result.Lines} after {fault.BackInServiceSeconds:F1} s"),
                Verdict(fault.AllBack && fault.BackInServiceSeconds <= 30)));
            rows.Add(new(
                "Resilience: no subscription storm",
                "subscriptions after = before",
                string.Create(ci, $"{fault.SubscriptionsBefore} → {fault.SubscriptionsAfter} subscriptions, {fault.ChannelsBefore} → {fault.ChannelsAfter} channels"),
                Verdict(fault.SubscriptionsAfter <= fault.SubscriptionsBefore && fault.ChannelsAfter <= fault.ChannelsBefore)));
        }

        return rows;
    }

    public static void Print(LoadResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var ci = CultureInfo.InvariantCulture;
        var m = result.Machine;
        output.WriteLine(string.Create(ci, $"Machine: {m.Cores} cores, {m.Cpu}, {m.Os}, {m.Runtime}; load average {m.LoadAverage} at start ({m.Utc})"));
        output.WriteLine(string.Create(ci, $"Run: {result.Lines} lines, {result.Transport}, target {result.TargetRate} call events/s for {result.Seconds} s"));
        var s = result.Startup;
        output.WriteLine(string.Create(ci, $"Start-up: simulator {s.SimulatorStartSeconds:F2} s; ApplyAsync {s.ApplySeconds:F2} s; all in service {s.InServiceSeconds:F2} s; CPU {s.CpuSeconds:F1} s; idle after {s.QuietSeconds:F1} s; {s.Subscriptions} subscription(s), {s.Channels} channel(s); {s.OpenFailures} open failure(s)"));
        if (result.Speed is { } speed)
        {
            var d = speed.Drive;
            output.WriteLine(string.Create(ci, $"Drive: {d.Calls} calls, {d.CallEvents} call + {d.HookEvents} hook events in {d.Elapsed.TotalSeconds:F1} s; steady {d.SteadyCallEventsPerSecond:F0} call events/s; driver lag max {d.MaxLagMs:F1} ms; CPU {speed.CpuShare:F2} cores"));
            output.WriteLine(string.Create(ci, $"  OFFERING  (incl. 250 ms phantom window): {Describe(speed.Offering)}"));
            output.WriteLine(string.Create(ci, $"  CONNECTED                               : {Describe(speed.Connected)}"));
            output.WriteLine(string.Create(ci, $"  DISCONNECTED/IDLE                       : {Describe(speed.Released)}"));
            output.WriteLine(string.Create(ci, $"  GC during the drive: gen0 {speed.Gc.Gen0}, gen1 {speed.Gc.Gen1}, gen2 {speed.Gc.Gen2}; paused {speed.Gc.PauseMs:F0} ms in all; last full blocking pause {speed.Gc.LastFullPauseMs:F0} ms; allocated {speed.Gc.AllocatedMb:F0} MiB ({speed.Gc.AllocatedMb * 1024 * 1024 / Math.Max(1, d.CallEvents + d.HookEvents):F0} B per event, simulator included)"));
            output.WriteLine(string.Create(ci, $"  LINE_CALLSTATE messages {speed.CallStateMessages}; missing {speed.Missing}; drained {speed.DrainMs:F0} ms after the driver stopped"));
        }

        if (result.Fault is { } fault)
        {
            output.WriteLine(string.Create(ci, $"Fault: noticed after {fault.NoticedSeconds:F2} s ({fault.OutOfServiceMessages} OUTOFSERVICE); all back after {fault.BackInServiceSeconds:F2} s"));
        }

        var rows = Judge(result);
        var widths = new[]
        {
            Math.Max("Target".Length, rows.Max(r => r.Target.Length)),
            Math.Max("Goal".Length, rows.Max(r => r.Goal.Length)),
            Math.Max("Measured".Length, rows.Max(r => r.Measured.Length)),
        };
        output.WriteLine();
        output.WriteLine($"{"Target".PadRight(widths[0])}  {"Goal".PadRight(widths[1])}  {"Measured".PadRight(widths[2])}  Verdict");
        output.WriteLine($"{new string('-', widths[0])}  {new string('-', widths[1])}  {new string('-', widths[2])}  -------");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Target.PadRight(widths[0])}  {row.Goal.PadRight(widths[1])}  {row.Measured.PadRight(widths[2])}  {row.Verdict}");
        }
    }

    private static string Describe(LatencySummary l) =>
        string.Create(CultureInfo.InvariantCulture, $"n={l.Count} p50 {l.P50Ms:F2} ms  p99 {l.P99Ms:F2} ms  p99.9 {l.P999Ms:F2} ms  max {l.MaxMs:F1} ms");

    private static string Verdict(bool pass) => pass ? "PASS" : "MISS";
}

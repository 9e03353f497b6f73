using System.Diagnostics;

namespace Ecsta.LoadHarness;

/// <summary>Memory after a forced full collection, and the process's CPU use over a window.</summary>
internal static class ResourceProbe
{
    /// <summary>Collects everything (compacting, finalizers run) and reads the managed heap and the process's memory.</summary>
    public static MemorySample Sample()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemorySample(Mb(GC.GetTotalMemory(forceFullCollection: false)), Mb(process.WorkingSet64), Mb(process.PrivateMemorySize64));
    }

    /// <summary>The process's CPU time so far.</summary>
    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// Waits until the process used less than <paramref name="cpuShare"/> of one core over one second (work that
    /// start-up left behind, such as reading the lines' services, has finished), or <paramref name="limit"/> passed.
    /// Returns how long that took and the share of the last window.
    /// </summary>
    public static async Task<(TimeSpan Waited, double LastShare)> WaitForQuietAsync(double cpuShare, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        double share;
        do
        {
            var cpu = CpuTime();
            var wall = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            share = (CpuTime() - cpu).TotalSeconds / Stopwatch.GetElapsedTime(wall).TotalSeconds;
        }
        while (share >= cpuShare && Stopwatch.GetElapsedTime(started) < limit);

        return (Stopwatch.GetElapsedTime(started), Math.Round(share, 3));
    }

    private static double Mb(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);
}

/// <summary>Managed heap, working set and private memory in MiB.</summary>
internal sealed record MemorySample(double ManagedMb, double WorkingSetMb, double PrivateMb);

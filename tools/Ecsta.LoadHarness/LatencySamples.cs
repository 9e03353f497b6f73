namespace Ecsta.LoadHarness;

/// <summary>Latency samples of one kind (Stopwatch ticks), with the percentiles the report shows.</summary>
internal sealed class LatencySamples
{
    private readonly Lock _gate = new();
    private readonly List<long> _ticks = [];

    /// <summary>Adds one sample.</summary>
    public void Add(long ticks)
    {
        lock (_gate)
        {
            _ticks.Add(ticks);
        }
    }

    /// <summary>The percentiles (milliseconds) of what was recorded so far.</summary>
    public LatencySummary Summarize()
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }

        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        return new LatencySummary(sorted.Length, Ms(Percentile(sorted, 0.50)), Ms(Percentile(sorted, 0.99)), Ms(Percentile(sorted, 0.999)), Ms(sorted[^1]));
    }

    private static long Percentile(long[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency, 3);
}

/// <summary>Count and percentiles in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double P999Ms, double MaxMs);

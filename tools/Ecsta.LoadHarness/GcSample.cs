namespace Ecsta.LoadHarness;

/// <summary>Collections per generation, the total time the runtime was paused for them, the last full blocking pause, and the bytes allocated (MiB).</summary>
internal sealed record GcSample(int Gen0, int Gen1, int Gen2, double PauseMs, double LastFullPauseMs, double AllocatedMb)
{
    public static GcSample Take()
    {
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return new GcSample(
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalMilliseconds,
            full.Index == 0 ? 0 : full.PauseDurations[0].TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: false) / (1024.0 * 1024.0));
    }

    /// <summary>What happened since <paramref name="before"/> (the last full pause is the latest one's).</summary>
    public GcSample Since(GcSample before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new GcSample(Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, Math.Round(PauseMs - before.PauseMs, 1), Math.Round(LastFullPauseMs, 1), Math.Round(AllocatedMb - before.AllocatedMb, 1));
    }
}

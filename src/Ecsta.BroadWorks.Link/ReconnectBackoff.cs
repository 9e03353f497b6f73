namespace Ecsta.BroadWorks.Link;

/// <summary>Exponential backoff with ±20 % jitter: initial, doubling, capped.</summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>The wait before attempt <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan Delay(int attempt)
    {
        var exponent = Math.Min(attempt, 30);
        var baseMs = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var jitter = 1 + ((_random() * 0.4) - 0.2);
        return TimeSpan.FromMilliseconds(Math.Max(1, baseMs * jitter));
    }
}

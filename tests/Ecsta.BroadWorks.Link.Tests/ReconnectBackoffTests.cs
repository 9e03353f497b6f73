namespace Ecsta.BroadWorks.Link.Tests;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Backoff_doubles_from_the_initial_delay_to_the_cap_within_twenty_percent_jitter()
    {
        var low = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0.0);
        var high = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 1.0);

        Assert.Equal(800, low.Delay(0).TotalMilliseconds, 3);
        Assert.Equal(1200, high.Delay(0).TotalMilliseconds, 3);
        Assert.Equal(3200, low.Delay(2).TotalMilliseconds, 3);
        Assert.Equal(36000, high.Delay(10).TotalMilliseconds, 3);
        Assert.Equal(24000, low.Delay(100).TotalMilliseconds, 3);
    }
}

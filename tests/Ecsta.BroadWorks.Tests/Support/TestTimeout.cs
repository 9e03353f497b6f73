namespace Ecsta.BroadWorks.Tests.Support;

/// <summary>A generous per-test deadline so a hung socket fails the test instead of the run.</summary>
internal static class TestTimeout
{
    public static CancellationToken Current() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}

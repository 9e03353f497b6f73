namespace Ecsta.Plugins.Licensing.Tests.Support;

/// <summary>A clock that can be set to any time, also backwards (FakeTimeProvider refuses to go back).</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>Disposing a provider waits for every task it started beside its loop (issue 15, item 4).</summary>
public sealed class DisposeTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task DisposeAsync_does_not_return_while_a_started_background_task_still_runs()
    {
        var h = await TspHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Link.StopMonitoringHeld = release;
        Assert.True(h.Provider.RemoveLine(TspHarness.User));
        await WaitUntilAsync(() => h.Link.Commands.Contains($"StopMonitoring {TspHarness.User}"));

        var disposing = h.Provider.DisposeAsync().AsTask();
        await Task.WhenAny(disposing, Task.Delay(Grace));
        var returnedWhileRunning = disposing.IsCompleted;
        release.SetResult();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));
        await h.Link.DisposeAsync();

        Assert.False(returnedWhileRunning, "DisposeAsync returned while the StopMonitoring task still ran");
    }

    [Fact]
    public async Task DisposeAsync_ends_a_platform_command_that_waits_for_its_answer_through_the_cancellation()
    {
        var h = await TspHarness.StartAsync();
        _ = h.Link.HoldNext();
        var call = h.Provider.MakeCall(h.LineHandle, "1020");
        Assert.Equal(LineErr.SUCCESS, call.Result);
        await WaitUntilAsync(() => h.Link.CallCommands.Any(c => c.StartsWith("Dial", StringComparison.Ordinal)));

        await h.Provider.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await h.Link.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

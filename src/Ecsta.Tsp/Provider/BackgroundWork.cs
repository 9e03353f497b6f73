namespace Ecsta.Tsp.Provider;

/// <summary>
/// The tasks a provider starts beside its processing loop (platform commands, monitoring, retries, snapshots,
/// service and profile reads): each is tracked while it runs, so that disposing the provider waits for all of them
/// instead of leaving them to touch a provider that is gone.
/// </summary>
internal sealed class BackgroundWork
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>How many tracked tasks still run.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Tracks <paramref name="task"/> until it ends.</summary>
    public void Track(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            if (task.IsCompleted)
            {
                return;
            }

            _running.Add(task);
        }

        _ = task.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Waits until no tracked task runs, including those started while waiting. A task's failure is not raised here:
    /// each task reports its own failures where they happen.
    /// </summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private void Forget(Task task)
    {
        lock (_gate)
        {
            _running.Remove(task);
        }
    }
}

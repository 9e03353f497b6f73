using Ecsta.Tsp.Provider;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// Records what the core sends to one open line handle (LINE_* messages and ASYNC_COMPLETIONs) in order, as the
/// decoded texts of <see cref="TapiMessage.Text"/> and <see cref="AsyncCompletion.Text"/>, and lets a test wait for
/// an entry without sleeping.
/// </summary>
internal sealed class RecordingSink : ITapiEventSink
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<string> _entries = [];
    private readonly List<TapiMessage> _messages = [];
    private readonly List<(Func<IReadOnlyList<string>, bool> Predicate, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The LINE_* messages received so far, in order.</summary>
    public IReadOnlyList<TapiMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The number of entries so far (a mark for <see cref="Since"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Entries from <paramref name="mark"/> on.</summary>
    public IReadOnlyList<string> Since(int mark)
    {
        lock (_gate)
        {
            return [.. _entries.Skip(mark)];
        }
    }

    public void OnMessage(TapiMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            Add(message.Text);
        }
    }

    public void OnCompletion(AsyncCompletion completion)
    {
        lock (_gate)
        {
            Add(completion.Text);
        }
    }

    /// <summary>Waits until an entry equal to <paramref name="entry"/> has arrived after <paramref name="mark"/>.</summary>
    public Task WaitForAsync(string entry, int mark = 0, TimeSpan? timeout = null) =>
        WaitForAsync(entries => entries.Skip(mark).Contains(entry), $"'{entry}'", timeout);

    /// <summary>Waits until <paramref name="predicate"/> holds for the entries; fails with what arrived after the timeout.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> predicate, string what, TimeSpan? timeout = null)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (predicate(_entries))
            {
                return;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout ?? DefaultTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}. Received:\n  {string.Join("\n  ", Entries)}");
        }
    }

    private void Add(string text)
    {
        _entries.Add(text);
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Predicate(_entries))
            {
                _waiters[i].Done.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}

using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Support;

/// <summary>Records what one open line handle receives, messages and completions in one ordered list.</summary>
internal sealed class RecordingSink : ITapiEventSink
{
    private readonly Lock _gate = new();
    private readonly List<object> _items = [];

    /// <summary>Everything received, as decoded text.</summary>
    public IReadOnlyList<string> Texts
    {
        get
        {
            lock (_gate)
            {
                return [.. _items.Select(i => i.ToString()!)];
            }
        }
    }

    /// <summary>Everything received, as records.</summary>
    public IReadOnlyList<object> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
        }
    }

    public void OnMessage(TapiMessage message)
    {
        lock (_gate)
        {
            _items.Add(message);
        }
    }

    public void OnCompletion(AsyncCompletion completion)
    {
        lock (_gate)
        {
            _items.Add(completion);
        }
    }
}

namespace Ecsta.Simulator.Faults;

/// <summary>Every open client connection (HTTP and CTI), so a fault can drop them all.</summary>
internal sealed class ConnectionRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Action> _connections = [];
    private long _next;

    public IDisposable Register(Action abort)
    {
        lock (_gate)
        {
            var id = ++_next;
            _connections.Add(id, abort);
            return new Registration(this, id);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public void AbortAll()
    {
        List<Action> aborts;
        lock (_gate)
        {
            aborts = [.. _connections.Values];
            _connections.Clear();
        }

        foreach (var abort in aborts)
        {
            abort();
        }
    }

    private void Remove(long id)
    {
        lock (_gate)
        {
            _connections.Remove(id);
        }
    }

    private sealed class Registration(ConnectionRegistry owner, long id) : IDisposable
    {
        public void Dispose() => owner.Remove(id);
    }
}

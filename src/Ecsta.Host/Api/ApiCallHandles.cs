using System.Diagnostics.CodeAnalysis;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Api;

/// <summary>
/// The API's call handles (hCall): one number per (provider, hdCall), the same for every connection and stable for
/// the call's life, so `ecsta call status` can print ids that later invocations address. Call handles of the core
/// are per provider; these are unique in the host. IDLE calls are remembered for a bounded number of calls, then
/// given back to their provider (TSPI_lineCloseCall) and forgotten.
/// </summary>
internal sealed class ApiCallHandles
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(TspProvider Provider, uint CallHandle), uint> _toApi = [];
    private readonly Dictionary<uint, (TspProvider Provider, uint CallHandle)> _fromApi = [];
    private readonly Queue<uint> _idle = new();
    private readonly HashSet<uint> _idleSet = [];
    private readonly int _idleKept;
    private uint _next;
    private int _pruneAt;

    /// <param name="idleKept">How many IDLE calls stay addressable (for lineGetCallInfo after IDLE) before the oldest is forgotten.</param>
    public ApiCallHandles(int idleKept = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(idleKept);
        _idleKept = idleKept;
        _pruneAt = 4096;
    }

    /// <summary>How many calls are mapped.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _toApi.Count;
            }
        }
    }

    /// <summary>The API handle of a core call; 0 stays 0.</summary>
    public uint ToApi(TspProvider provider, uint callHandle)
    {
        if (callHandle == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            if (_toApi.TryGetValue((provider, callHandle), out var api))
            {
                return api;
            }

            if (_toApi.Count >= _pruneAt)
            {
                PruneForgotten();
            }

            do
            {
                api = ++_next;
            }
            while (api == 0 || _fromApi.ContainsKey(api));

            _toApi[(provider, callHandle)] = api;
            _fromApi[api] = (provider, callHandle);
            return api;
        }
    }

    /// <summary>The core call behind an API handle.</summary>
    public bool TryResolve(uint apiHandle, [NotNullWhen(true)] out TspProvider? provider, out uint callHandle)
    {
        lock (_gate)
        {
            if (_fromApi.TryGetValue(apiHandle, out var entry))
            {
                (provider, callHandle) = entry;
                return true;
            }
        }

        provider = null;
        callHandle = 0;
        return false;
    }

    /// <summary>A call reached IDLE: it stays addressable until <c>idleKept</c> later calls went IDLE.</summary>
    public void NoteIdle(uint apiHandle)
    {
        (TspProvider Provider, uint CallHandle)? evicted = null;
        lock (_gate)
        {
            if (!_fromApi.ContainsKey(apiHandle) || !_idleSet.Add(apiHandle))
            {
                return;
            }

            _idle.Enqueue(apiHandle);
            if (_idle.Count > _idleKept)
            {
                var oldest = _idle.Dequeue();
                _idleSet.Remove(oldest);
                if (_fromApi.Remove(oldest, out var entry))
                {
                    _toApi.Remove(entry);
                    evicted = entry;
                }
            }
        }

        if (evicted is { } e)
        {
            e.Provider.CloseCall(e.CallHandle);
        }
    }

    /// <summary>An application deallocated an IDLE call (lineDeallocateCall): the core forgets it.</summary>
    public void Forget(uint apiHandle)
    {
        lock (_gate)
        {
            if (_fromApi.Remove(apiHandle, out var entry))
            {
                _toApi.Remove(entry);
                _idleSet.Remove(apiHandle);
            }
        }
    }

    /// <summary>Forgets every call of a stopping provider.</summary>
    public void ForgetProvider(TspProvider provider)
    {
        lock (_gate)
        {
            foreach (var (key, api) in _toApi.Where(p => ReferenceEquals(p.Key.Provider, provider)).ToList())
            {
                _toApi.Remove(key);
                _fromApi.Remove(api);
                _idleSet.Remove(api);
            }
        }
    }

    /// <summary>Drops entries whose call the core no longer knows (it forgets IDLE calls of lines nobody has open).</summary>
    private void PruneForgotten()
    {
        foreach (var (key, api) in _toApi.ToList())
        {
            if (key.Provider.GetCallInfo(key.CallHandle) is null)
            {
                _toApi.Remove(key);
                _fromApi.Remove(api);
                _idleSet.Remove(api);
            }
        }

        _pruneAt = Math.Max(4096, _toApi.Count * 2);
    }
}

using Ecsta.Abstractions.Licensing;
using Serilog;

namespace Ecsta.Tsp.Provider;

/// <summary>What all providers of a host share: time, log, device ids, request ids and the seat pool.</summary>
public sealed record TspHostServices
{
    /// <summary>Time, for every timer of the core.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The log; providers add the instance name.</summary>
    public ILogger Log { get; init; } = Serilog.Core.Logger.None;

    /// <summary>Assigns permanent device ids.</summary>
    public IDeviceIdAllocator DeviceIds { get; init; } = new SequentialDeviceIdAllocator();

    /// <summary>Hands out request ids and line handles unique in the host.</summary>
    public TspIdSource Ids { get; init; } = new();

    /// <summary>The seat pool; <see langword="null"/> when lines need no seat.</summary>
    public ILicensePool? Licenses { get; init; }
}

/// <summary>Assigns each (instance, user) a device id that stays the same for as long as the allocator lives.</summary>
public interface IDeviceIdAllocator
{
    /// <summary>The line's device id, assigned on first use.</summary>
    uint GetOrAssign(string instanceName, string userId);
}

/// <summary>An in-memory allocator: ids from 0 in order of first use. A persistent one can replace it.</summary>
public sealed class SequentialDeviceIdAllocator : IDeviceIdAllocator
{
    private readonly Dictionary<(string, string), uint> _ids = [];
    private readonly Lock _gate = new();
    private uint _next;

    /// <inheritdoc />
    public uint GetOrAssign(string instanceName, string userId)
    {
        lock (_gate)
        {
            if (!_ids.TryGetValue((instanceName, userId), out var id))
            {
                id = _next++;
                _ids[(instanceName, userId)] = id;
            }

            return id;
        }
    }
}

/// <summary>Counters for request ids and line handles, shared by all providers so the values are unique in the host.</summary>
public sealed class TspIdSource
{
    private int _request;
    private int _lineHandle;

    /// <summary>The next request id (never 0, never negative as a 32-bit signed value).</summary>
    public uint NextRequestId() => (uint)(Interlocked.Increment(ref _request) & 0x7FFFFFFF);

    /// <summary>The next hdLine value.</summary>
    public uint NextLineHandle() => (uint)Interlocked.Increment(ref _lineHandle);
}

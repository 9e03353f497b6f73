namespace Ecsta.Tsp.Discovery;

/// <summary>One SRV record as DNS returned it.</summary>
/// <param name="Priority">Lower is tried first.</param>
/// <param name="Weight">Relative chance within one priority.</param>
/// <param name="Port">Target port.</param>
/// <param name="Target">Target host, without the trailing dot.</param>
internal sealed record SrvRecord(int Priority, int Weight, int Port, string Target);

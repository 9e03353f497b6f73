namespace Ecsta.Simulator.Xsi;

/// <summary>
/// The last requests the XSI HTTP(S) listeners received (method, scheme and path, no query, no credentials), bounded
/// so a long-running simulator does not grow. Lets a test prove which requests went over HTTP (e.g. a CTI side channel).
/// </summary>
internal sealed class HttpRequestLog
{
    private const int Capacity = 2000;
    private readonly Lock _gate = new();
    private readonly Queue<string> _entries = new();

    public void Add(string method, string scheme, string path)
    {
        lock (_gate)
        {
            if (_entries.Count == Capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue($"{method} {scheme} {path}");
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries];
        }
    }
}

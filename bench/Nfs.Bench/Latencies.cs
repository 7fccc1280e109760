namespace Nfs.Bench;

/// <summary>Latency samples of a run (one per operation), thread-safe.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = new(1 << 16);

    /// <summary>Records one operation.</summary>
    public void Add(TimeSpan t)
    {
        lock (_ms) _ms.Add(t.TotalMilliseconds);
    }

    /// <summary>The p-th percentile (0 to 100).</summary>
    public double Percentile(double p)
    {
        lock (_ms)
        {
            if (_ms.Count == 0) return 0;
            _ms.Sort();
            return _ms[Math.Min(_ms.Count - 1, (int)(p / 100.0 * _ms.Count))];
        }
    }
}

using System.Text;

namespace Fsal.Memory.Storage;

/// <summary>
/// The user extended attributes of one node: name to value, with the bytes they cost (UTF-8
/// name plus value) for space accounting. Not thread-safe; the owning node's lock guards it.
/// </summary>
internal sealed class ExtendedAttributeSet
{
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>Bytes all attributes cost.</summary>
    public long Bytes { get; private set; }

    /// <summary>What an attribute with this name and value length costs.</summary>
    public static long CostOf(string name, int valueLength) => Encoding.UTF8.GetByteCount(name) + (long)valueLength;

    /// <summary>Finds an attribute's stored value (callers copy it before handing it out).</summary>
    public bool TryGet(string name, out byte[] value) => _values.TryGetValue(name, out value!);

    /// <summary>Adds or replaces an attribute.</summary>
    public void Set(string name, byte[] value)
    {
        if (_values.TryGetValue(name, out byte[]? old)) Bytes -= CostOf(name, old.Length);
        _values[name] = value;
        Bytes += CostOf(name, value.Length);
    }

    /// <summary>Removes an attribute; returns the bytes freed, or -1 when it did not exist.</summary>
    public long Remove(string name)
    {
        if (!_values.Remove(name, out byte[]? old)) return -1;
        long freed = CostOf(name, old.Length);
        Bytes -= freed;
        return freed;
    }

    /// <summary>The names in ordinal order.</summary>
    public string[] Names()
    {
        string[] names = [.. _values.Keys];
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}

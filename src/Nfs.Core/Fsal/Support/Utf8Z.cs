using System.Text;

namespace Nfs.Core.Fsal.Support;

/// <summary>NUL-terminated UTF-8 strings for native calls, written into caller-provided spans (usually stackalloc).</summary>
public static class Utf8Z
{
    /// <summary>Longest name or path a backend passes (PATH_MAX).</summary>
    public const int MaxLength = 4096;

    /// <summary>Writes <paramref name="value"/> NUL-terminated; the span must hold its UTF-8 bytes plus one.</summary>
    public static Span<byte> Write(string value, Span<byte> destination)
    {
        int n = Encoding.UTF8.GetBytes(value, destination);
        destination[n] = 0;
        return destination[..(n + 1)];
    }
}

using System.Text;

namespace Fsal.Posix.Native;

/// <summary>NUL-terminated UTF-8 strings for system calls, written into caller-provided spans.</summary>
internal static class NativeString
{
    /// <summary>Longest name or path the backend passes.</summary>
    public const int MaxLength = 4096;

    /// <summary>Writes <paramref name="value"/> NUL-terminated; the span must hold its UTF-8 bytes plus one.</summary>
    public static Span<byte> Write(string value, Span<byte> destination)
    {
        int n = Encoding.UTF8.GetBytes(value, destination);
        destination[n] = 0;
        return destination[..(n + 1)];
    }

    /// <summary>"/proc/self/fd/N", the path that reopens descriptor N (with the permission checks of a real open).</summary>
    public static Span<byte> ProcFd(int fd, Span<byte> destination)
    {
        "/proc/self/fd/"u8.CopyTo(destination);
        fd.TryFormat(destination[14..], out int digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        destination[14 + digits] = 0;
        return destination[..(15 + digits)];
    }
}

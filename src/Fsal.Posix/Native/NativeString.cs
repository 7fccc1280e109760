namespace Fsal.Posix.Native;

/// <summary>Paths the backend builds for system calls, written into caller-provided spans.</summary>
internal static class NativeString
{
    /// <summary>"/proc/self/fd/N", the path that reopens descriptor N (with the permission checks of a real open).</summary>
    public static Span<byte> ProcFd(int fd, Span<byte> destination)
    {
        "/proc/self/fd/"u8.CopyTo(destination);
        fd.TryFormat(destination[14..], out int digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        destination[14 + digits] = 0;
        return destination[..(15 + digits)];
    }
}

using System.Runtime.InteropServices;

namespace Nfs.Core.Transport;

/// <summary>sendfile(2): file pages straight into a socket, without a copy through user memory.</summary>
internal static partial class SendFile
{
    /// <summary>Sends up to <paramref name="count"/> bytes of <paramref name="inFd"/> from <paramref name="offset"/> (advanced) to <paramref name="outFd"/>.</summary>
    [LibraryImport("libc", EntryPoint = "sendfile64", SetLastError = true)]
    public static partial nint Send(int outFd, int inFd, ref long offset, nint count);
}

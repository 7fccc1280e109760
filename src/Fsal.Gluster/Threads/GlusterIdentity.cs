using Fsal.Gluster.Native;
using Nfs.Core.Fsal;

namespace Fsal.Gluster.Threads;

/// <summary>
/// The identity gfapi sends to the bricks for calls made on the current OS thread
/// (glfs_setfsuid, glfs_setfsgid and glfs_setfsgroups are per thread); the bricks check
/// permissions against it. Only used on the backend's dedicated worker threads.
/// </summary>
internal static unsafe class GlusterIdentity
{
    [ThreadStatic] private static Credential? _current;

    /// <summary>The identity the current thread acts as.</summary>
    public static Credential Current => _current ?? Credential.Root;

    /// <summary>Makes the thread's gfapi calls act as <paramref name="caller"/>.</summary>
    public static void Apply(Credential caller)
    {
        var current = _current;
        if (ReferenceEquals(current, caller) || (current is not null && current.Equals(caller))) return;
        int n = caller.Groups.Count;
        uint* groups = stackalloc uint[Math.Max(1, n)];
        for (int i = 0; i < n; i++) groups[i] = caller.Groups[i];
        if (GfApi.glfs_setfsuid(caller.Uid) != 0 || GfApi.glfs_setfsgid(caller.Gid) != 0 || GfApi.glfs_setfsgroups((nuint)n, n == 0 ? null : groups) != 0)
        {
            _current = null;
            throw new InvalidOperationException($"cannot set the gfapi identity {caller}: errno {GfApi.LastErrno}");
        }
        _current = caller;
    }

    /// <summary>
    /// Runs <paramref name="call"/> as root, then returns to the caller's identity.
    /// <paramref name="errno"/> is the error the call left, read before the identity is restored;
    /// it means something only when the result says the call failed.
    /// </summary>
    public static T AsRoot<T>(Func<T> call, out int errno)
    {
        var caller = Current;
        Apply(Credential.Root);
        try
        {
            var result = call();
            errno = GfApi.LastErrno;
            return result;
        }
        finally
        {
            Apply(caller);
        }
    }
}

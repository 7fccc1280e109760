using Fsal.Posix.Native;
using Nfs.Core.Fsal;

namespace Fsal.Posix.Threads;

/// <summary>
/// The filesystem identity of the current OS thread, changed with raw system calls:
/// setfsuid, setfsgid and setgroups act on the calling thread only (glibc's wrappers would
/// change every thread of the process). Only called on the backend's dedicated worker threads (<see cref="WorkerThread"/>).
/// </summary>
internal static unsafe class ThreadCredentials
{
    [ThreadStatic] private static Credential? _current;

    /// <summary>The identity the current thread acts as.</summary>
    public static Credential? Current => _current;

    /// <summary>Makes the thread act as <paramref name="caller"/> for permission checks (null: root).</summary>
    public static void Apply(Credential? caller)
    {
        caller ??= Credential.Root;
        var current = _current;
        if (ReferenceEquals(current, caller) || (current is not null && current.Equals(caller))) return;
        if (current is null || !SameGroups(current, caller))
        {
            int n = caller.Groups.Count;
            uint* groups = stackalloc uint[Math.Max(1, n)];
            for (int i = 0; i < n; i++) groups[i] = caller.Groups[i];
            if (LibC.syscall(LibC.SYS_setgroups, n, groups) != 0) throw new InvalidOperationException($"setgroups failed: errno {Errno.Last}");
        }
        // fsgid before fsuid: changing the fsgid needs the privilege a non-root fsuid drops.
        LibC.syscall(LibC.SYS_setfsgid, caller.Gid);
        LibC.syscall(LibC.SYS_setfsuid, caller.Uid);
        if ((uint)LibC.syscall(LibC.SYS_setfsuid, -1) != caller.Uid) throw new InvalidOperationException("setfsuid did not take effect");
        _current = caller;
    }

    /// <summary>Back to root (for operations the server itself performs, such as opening handles).</summary>
    public static void ApplyRoot() => Apply(Credential.Root);

    private static bool SameGroups(Credential a, Credential b)
    {
        if (a.Groups.Count != b.Groups.Count) return false;
        for (int i = 0; i < a.Groups.Count; i++) if (a.Groups[i] != b.Groups[i]) return false;
        return true;
    }
}

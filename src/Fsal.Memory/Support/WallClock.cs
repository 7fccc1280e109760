using Nfs.Protocol.Nfs4;

namespace Fsal.Memory.Support;

/// <summary>The server's clock as NFS times.</summary>
internal static class WallClock
{
    /// <summary>
    /// The current time. Times are kept in nanoseconds; the system clock behind
    /// <see cref="DateTime.UtcNow"/> ticks in 100 ns steps.
    /// </summary>
    public static NfsTime4 Now()
    {
        long ticks = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        return NfsTime4.FromUnixNanoseconds(ticks * 100);
    }
}

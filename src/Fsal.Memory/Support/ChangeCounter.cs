namespace Fsal.Memory.Support;

/// <summary>
/// The source of NFSv4 change attribute values. One counter for the whole process, so a value
/// never repeats or goes back, even across objects or filesystem instances: a client may compare
/// the change attribute of an object before and after it was replaced by another.
/// </summary>
internal static class ChangeCounter
{
    private static long _last;

    /// <summary>Returns a value greater than every value returned before.</summary>
    public static ulong Next() => (ulong)Interlocked.Increment(ref _last);
}

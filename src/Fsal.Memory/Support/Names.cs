using System.Text;
using Nfs.Core.Fsal;

namespace Fsal.Memory.Support;

/// <summary>Validation of directory entry names, symlink targets and extended attribute names.</summary>
internal static class Names
{
    /// <summary>Longest name component, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Longest symlink target, in UTF-8 bytes (PATH_MAX without the terminator).</summary>
    public const int MaxLinkTargetBytes = 4095;

    /// <summary>
    /// Checks a directory entry name. The core never passes "", ".", ".." or names with '/',
    /// but a backend must not trust that for the integrity of its tree.
    /// </summary>
    public static FsalStatus Check(string name)
    {
        if (name.Length == 0 || name == "." || name == ".." || name.AsSpan().IndexOfAny('/', '\0') >= 0)
            return FsalStatus.Invalid;
        return Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? FsalStatus.NameTooLong : FsalStatus.Ok;
    }

    /// <summary>Checks a symlink target: not empty, no NUL, at most <see cref="MaxLinkTargetBytes"/>.</summary>
    public static FsalStatus CheckLinkTarget(string? target)
    {
        if (string.IsNullOrEmpty(target) || target.Contains('\0')) return FsalStatus.Invalid;
        return Encoding.UTF8.GetByteCount(target) > MaxLinkTargetBytes ? FsalStatus.NameTooLong : FsalStatus.Ok;
    }

    /// <summary>Checks an extended attribute name (without the "user." prefix).</summary>
    public static FsalStatus CheckXattrName(string name)
    {
        if (name.Length == 0 || name.Contains('\0')) return FsalStatus.Invalid;
        return Encoding.UTF8.GetByteCount(name) > MaxNameBytes ? FsalStatus.NameTooLong : FsalStatus.Ok;
    }
}

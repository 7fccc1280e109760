using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>Byte-range locks as OFD locks: NFS owners conflict with each other and with local processes' locks, and a test (LOCKT) sees both.</summary>
[TestFixture]
public sealed class PosixLockTests : PosixBackendFixture
{
    private static readonly FsalContext Root = FsalContext.Root;

    private async Task<FsalObject> FileAsync(string name)
    {
        await File.WriteAllBytesAsync(Path.Combine(Dir, name), new byte[100]);
        return Ok(await Fs.LookupAsync(Root, Fs.Root, name, FsalAttrMask.All)).Object;
    }

    [Test]
    public async Task A_test_sees_other_owners_but_not_its_own()
    {
        var file = await FileAsync("f");
        byte[] a = [1], b = [2];
        Assert.That(await Fs.LockAsync(Root, file, null, a, FsalLockType.Write, 10, 20), Is.EqualTo(FsalStatus.Ok));
        Assert.That(Ok(await Fs.TestLockAsync(Root, file, b, FsalLockType.Read, 0, ulong.MaxValue)), Is.EqualTo(new FsalLockConflict(FsalLockType.Write, 10, 20)));
        Assert.That(Ok(await Fs.TestLockAsync(Root, file, a, FsalLockType.Write, 0, ulong.MaxValue)).Exists, Is.False);
        await Fs.ReleaseAsync(file, a);
        Assert.That(Ok(await Fs.TestLockAsync(Root, file, b, FsalLockType.Write, 0, ulong.MaxValue)).Exists, Is.False);
    }

    [Test]
    public async Task A_local_process_lock_blocks_and_shows_in_a_test()
    {
        var file = await FileAsync("local");
        // FileStream.Lock takes a classic POSIX record lock (fcntl F_SETLK): it conflicts with OFD locks.
        using var local = new FileStream(Path.Combine(Dir, "local"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        local.Lock(0, 50);
        Assert.That(await Fs.LockAsync(Root, file, null, new byte[] { 7 }, FsalLockType.Write, 40, 5), Is.EqualTo(FsalStatus.Locked));
        var seen = Ok(await Fs.TestLockAsync(Root, file, new byte[] { 7 }, FsalLockType.Read, 0, 1));
        Assert.That(seen, Is.EqualTo(new FsalLockConflict(FsalLockType.Write, 0, 50)));
        local.Unlock(0, 50);
        Assert.That(await Fs.LockAsync(Root, file, null, new byte[] { 7 }, FsalLockType.Write, 40, 5), Is.EqualTo(FsalStatus.Ok));
    }
}

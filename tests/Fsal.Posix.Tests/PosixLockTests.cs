using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>Byte-range locks as OFD locks: NFS owners conflict with each other and with local processes' locks, and a test (LOCKT) sees both.</summary>
[TestFixture]
public sealed class PosixLockTests
{
    private string _dir = "";
    private PosixFileSystem _fs = null!;
    private static readonly FsalContext Root = FsalContext.Root;

    [SetUp]
    public void Open()
    {
        _dir = PosixTestDirectory.Create();
        _fs = PosixTestDirectory.Open(_dir);
    }

    [TearDown]
    public void Close()
    {
        _fs?.Dispose();
        PosixTestDirectory.Delete(_dir);
    }

    private static T Ok<T>(FsalResult<T> r) => r.IsOk ? r.Value : throw new AssertionException($"expected Ok, was {r.Status}");

    private async Task<FsalObject> FileAsync(string name)
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, name), new byte[100]);
        return Ok(await _fs.LookupAsync(Root, _fs.Root, name, FsalAttrMask.All)).Object;
    }

    [Test]
    public async Task A_test_sees_other_owners_but_not_its_own()
    {
        var file = await FileAsync("f");
        byte[] a = [1], b = [2];
        Assert.That(await _fs.LockAsync(Root, file, null, a, FsalLockType.Write, 10, 20), Is.EqualTo(FsalStatus.Ok));
        Assert.That(Ok(await _fs.TestLockAsync(Root, file, b, FsalLockType.Read, 0, ulong.MaxValue)), Is.EqualTo(new FsalLockConflict(FsalLockType.Write, 10, 20)));
        Assert.That(Ok(await _fs.TestLockAsync(Root, file, a, FsalLockType.Write, 0, ulong.MaxValue)).Exists, Is.False);
        await _fs.ReleaseAsync(file, a);
        Assert.That(Ok(await _fs.TestLockAsync(Root, file, b, FsalLockType.Write, 0, ulong.MaxValue)).Exists, Is.False);
    }

    [Test]
    public async Task A_local_process_lock_blocks_and_shows_in_a_test()
    {
        var file = await FileAsync("local");
        // FileStream.Lock takes a classic POSIX record lock (fcntl F_SETLK): it conflicts with OFD locks.
        using var local = new FileStream(Path.Combine(_dir, "local"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        local.Lock(0, 50);
        Assert.That(await _fs.LockAsync(Root, file, null, new byte[] { 7 }, FsalLockType.Write, 40, 5), Is.EqualTo(FsalStatus.Locked));
        var seen = Ok(await _fs.TestLockAsync(Root, file, new byte[] { 7 }, FsalLockType.Read, 0, 1));
        Assert.That(seen, Is.EqualTo(new FsalLockConflict(FsalLockType.Write, 0, 50)));
        local.Unlock(0, 50);
        Assert.That(await _fs.LockAsync(Root, file, null, new byte[] { 7 }, FsalLockType.Write, 40, 5), Is.EqualTo(FsalStatus.Ok));
    }
}

using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>
/// WRITE through an open, which small UNSTABLE writes do on the calling thread (see
/// <c>InlineWritePolicy</c>) and others on a worker acting as the caller: the bytes land where
/// they were aimed either way, and the kernel's rules for the writer's identity still hold.
/// </summary>
[TestFixture]
public sealed class PosixWriteTests : PosixBackendFixture
{
    private async Task WriteThroughOpenAsync(FsalContext ctx, string name)
    {
        await File.WriteAllBytesAsync(Path.Combine(Dir, name), new byte[8192]);
        var file = Ok(await Fs.LookupAsync(ctx, Fs.Root, name, FsalAttrMask.All)).Object;
        var open = Ok(await Fs.OpenAsync(ctx, file, FsalOpenFlags.Write));
        Ok(await Fs.WriteAsync(ctx, file, open, 0, new byte[4096], FsalStability.Unstable));
        await Fs.CloseAsync(file, open);
    }

    [Test]
    public async Task Small_and_large_writes_through_an_open_land_where_aimed()
    {
        const int size = 1 << 20;
        await File.WriteAllBytesAsync(Path.Combine(Dir, "f"), new byte[size]);
        var file = Ok(await Fs.LookupAsync(FsalContext.Root, Fs.Root, "f", FsalAttrMask.All)).Object;
        var open = Ok(await Fs.OpenAsync(FsalContext.Root, file, FsalOpenFlags.Read | FsalOpenFlags.Write));
        var model = new byte[size + 4096];
        var random = new Random(7);
        var tasks = new List<Task<FsalResult<FsalWrite>>>();
        for (int i = 0; i < 200; i++)
        {
            var block = new byte[4096];
            random.NextBytes(block);
            ulong offset = (ulong)random.Next(size / 4096 + 1) * 4096;
            block.CopyTo(model, (int)offset);
            // One after another: overlapping writes in flight together would have no defined order.
            var w = Ok(await Fs.WriteAsync(FsalContext.Root, file, open, offset, block, FsalStability.Unstable));
            Assert.That(w.Count, Is.EqualTo(4096));
        }
        // Written in several calls (PosixFileSystem.LargestWriteCall), the last one shorter.
        var large = new byte[4 * PosixFileSystem.LargestWriteCall + 1000];
        random.NextBytes(large);
        large.CopyTo(model, 4096);
        Assert.That(Ok(await Fs.WriteAsync(FsalContext.Root, file, open, 4096, large, FsalStability.Unstable)).Count, Is.EqualTo(large.Length));
        var stable = new byte[100];
        random.NextBytes(stable);
        stable.CopyTo(model, 10);
        Assert.That(Ok(await Fs.WriteAsync(FsalContext.Root, file, open, 10, stable, FsalStability.FileSync)).Committed, Is.EqualTo(FsalStability.FileSync));
        await Fs.CloseAsync(file, open);

        var onDisk = await File.ReadAllBytesAsync(Path.Combine(Dir, "f"));
        int length = Math.Max(size, onDisk.Length);
        Assert.That(onDisk, Is.EqualTo(model.AsSpan(0, length).ToArray()));
        Assert.That(Ok(await Fs.GetAttributesAsync(FsalContext.Root, file, FsalAttrMask.All)).Size, Is.EqualTo((ulong)onDisk.Length), "the size the backend reports follows the writes");
    }

    [Test]
    public async Task An_unprivileged_write_through_an_open_clears_setuid_and_setgid()
    {
        var path = Path.Combine(Dir, "s");
        await File.WriteAllBytesAsync(path, new byte[8192]);
        // A first write finds out whether the filesystem takes RWF_NOWAIT writes (ext4 does not).
        await WriteThroughOpenAsync(FsalContext.Root, "warm-up");
        File.SetUnixFileMode(path, (UnixFileMode)0xDFF); // 06777: setuid, setgid with group execute
        var user = new FsalContext(new Credential(1000, 1000));
        var file = Ok(await Fs.LookupAsync(user, Fs.Root, "s", FsalAttrMask.All)).Object;
        var open = Ok(await Fs.OpenAsync(user, file, FsalOpenFlags.Write));
        Assert.That(Ok(await Fs.WriteAsync(user, file, open, 0, new byte[4096], FsalStability.Unstable)).Count, Is.EqualTo(4096));
        await Fs.CloseAsync(file, open);
        Assert.That((int)File.GetUnixFileMode(path) & 0xC00, Is.Zero, "the kernel clears both bits for a writer without CAP_FSETID");
        Assert.That(Ok(await Fs.GetAttributesAsync(user, file, FsalAttrMask.All)).Mode & 0xC00u, Is.Zero);
    }
}

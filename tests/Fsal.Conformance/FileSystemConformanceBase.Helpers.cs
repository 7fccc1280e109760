using Nfs.Core.Fsal;
using Nfs.Protocol.Nfs4;
using NUnit.Framework;

namespace Fsal.Conformance;

// Helpers shared by the tests: calls that must succeed, requests, data patterns, clocks.
public abstract partial class FileSystemConformanceBase
{
    /// <summary>Asserts that <paramref name="result"/> succeeded and returns its value.</summary>
    protected static T Ok<T>(FsalResult<T> result, string? what = null)
    {
        Assert.That(result.Status, Is.EqualTo(FsalStatus.Ok), what);
        return result.Value;
    }

    /// <summary>Asserts that a status is <see cref="FsalStatus.Ok"/>.</summary>
    protected static void Ok(FsalStatus status, string? what = null) => Assert.That(status, Is.EqualTo(FsalStatus.Ok), what);

    /// <summary>A create request for <paramref name="type"/> with an explicit mode.</summary>
    protected static FsalCreateRequest Request(FsalFileType type, uint mode, string? linkTarget = null, SpecData4 device = default, bool exclusive = false) => new()
    {
        Type = type,
        Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = mode },
        LinkTarget = linkTarget,
        Device = device,
        Exclusive = exclusive,
    };

    /// <summary>Creates an object and returns whatever the backend answered.</summary>
    protected async Task<FsalResult<FsalCreated>> TryCreateAsync(FsalObject directory, string name, FsalCreateRequest request, FsalContext? ctx = null) =>
        await Fs.CreateAsync(ctx ?? RootContext, directory, name, request);

    /// <summary>Creates an object, asserting success.</summary>
    protected async Task<FsalCreated> CreateAsync(FsalObject directory, string name, FsalCreateRequest request, FsalContext? ctx = null) =>
        Ok(await TryCreateAsync(directory, name, request, ctx), $"create {name}");

    /// <summary>Creates a regular file, asserting success.</summary>
    protected async Task<FsalObject> CreateFileAsync(FsalObject directory, string name, uint mode = FileMode, FsalContext? ctx = null) =>
        (await CreateAsync(directory, name, Request(FsalFileType.Regular, mode, exclusive: true), ctx)).Object;

    /// <summary>Creates a directory, asserting success.</summary>
    protected async Task<FsalObject> MakeDirectoryAsync(FsalObject directory, string name, uint mode = DirectoryMode, FsalContext? ctx = null) =>
        (await CreateAsync(directory, name, Request(FsalFileType.Directory, mode, exclusive: true), ctx)).Object;

    /// <summary>Creates a symlink, asserting success.</summary>
    protected async Task<FsalObject> MakeSymlinkAsync(FsalObject directory, string name, string target, FsalContext? ctx = null) =>
        (await CreateAsync(directory, name, Request(FsalFileType.Symlink, 0x1FF, target, exclusive: true), ctx)).Object;

    /// <summary>
    /// Creates a directory in the root, as root, with exactly <paramref name="mode"/> (set again
    /// after creation in case the backend applied a umask): a place where users may work.
    /// </summary>
    protected async Task<FsalObject> SharedDirectoryAsync(string name = "shared", uint mode = 0x1FF)
    {
        FsalObject directory = await MakeDirectoryAsync(Root, name, mode);
        await SetAttributesAsync(directory, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = mode });
        return directory;
    }

    /// <summary>Creates a regular file holding <paramref name="data"/>.</summary>
    protected async Task<FsalObject> CreateFileWithDataAsync(FsalObject directory, string name, byte[] data, FsalContext? ctx = null)
    {
        FsalObject file = await CreateFileAsync(directory, name, FileMode, ctx);
        await WriteAsync(file, 0, data, ctx);
        return file;
    }

    /// <summary>Reads attributes, asserting success.</summary>
    protected async Task<FsalAttributes> GetAttributesAsync(FsalObject obj, FsalContext? ctx = null) =>
        Ok(await Fs.GetAttributesAsync(ctx ?? RootContext, obj, FsalAttrMask.All), "getattr");

    /// <summary>Changes attributes, asserting success.</summary>
    protected async Task<FsalAttributes> SetAttributesAsync(FsalObject obj, FsalSetAttributes changes, FsalContext? ctx = null) =>
        Ok(await Fs.SetAttributesAsync(ctx ?? RootContext, obj, changes), "setattr");

    /// <summary>Looks a name up, asserting success.</summary>
    protected async Task<FsalObject> LookupAsync(FsalObject directory, string name, FsalContext? ctx = null) =>
        Ok(await Fs.LookupAsync(ctx ?? RootContext, directory, name, FsalAttrMask.All), $"lookup {name}").Object;

    /// <summary>The file id of an object.</summary>
    protected async Task<ulong> FileIdAsync(FsalObject obj) => (await GetAttributesAsync(obj)).FileId;

    /// <summary>The change attribute of an object.</summary>
    protected async Task<ulong> ChangeAsync(FsalObject obj) => (await GetAttributesAsync(obj)).Change;

    /// <summary>Writes all of <paramref name="data"/>, asserting success.</summary>
    protected async Task WriteAsync(FsalObject file, ulong offset, byte[] data, FsalContext? ctx = null)
    {
        FsalWrite written = Ok(await Fs.WriteAsync(ctx ?? RootContext, file, null, offset, data, FsalStability.FileSync), "write");
        Assert.That(written.Count, Is.EqualTo(data.Length), "bytes written");
    }

    /// <summary>Reads up to <paramref name="count"/> bytes in one call and returns the bytes read.</summary>
    protected async Task<byte[]> ReadAsync(FsalObject file, ulong offset, int count, FsalContext? ctx = null)
    {
        byte[] buffer = new byte[count];
        FsalRead read = Ok(await Fs.ReadAsync(ctx ?? RootContext, file, null, offset, buffer), "read");
        return buffer.AsSpan(0, read.Count).ToArray();
    }

    /// <summary>Reads a directory to its end in pages of <paramref name="pageSize"/> entries.</summary>
    protected async Task<List<ReadDirEntry>> ListAsync(FsalObject directory, int pageSize = 1000, FsalContext? ctx = null)
    {
        var all = new List<ReadDirEntry>();
        ulong cookie = 0;
        for (int calls = 0; ; calls++)
        {
            Assert.That(calls, Is.LessThan(1_000_000), "readdir does not end");
            var sink = new RecordingSink(pageSize);
            bool end = Ok(await Fs.ReadDirAsync(ctx ?? RootContext, directory, cookie, FsalAttrMask.All, sink), "readdir");
            all.AddRange(sink.Entries);
            if (end) return all;
            Assert.That(sink.Entries, Is.Not.Empty, "readdir made no progress and did not reach the end");
            cookie = sink.Entries[^1].Cookie;
        }
    }

    /// <summary>The names in a directory.</summary>
    protected async Task<List<string>> NamesAsync(FsalObject directory) => (await ListAsync(directory)).ConvertAll(e => e.Name);

    /// <summary>An object's backend key.</summary>
    protected byte[] KeyOf(FsalObject obj)
    {
        byte[] buffer = new byte[Fs.Capabilities.MaxKeyLength];
        int length = obj.WriteKey(buffer);
        Assert.That(length, Is.InRange(1, Fs.Capabilities.MaxKeyLength), "key length");
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Resolves a key and returns the status.</summary>
    protected FsalStatus Resolve(byte[] key, out FsalObject? obj) => Fs.Resolve(key, out obj);

    /// <summary>Deterministic bytes that are never all zero in any 16-byte window.</summary>
    protected static byte[] Pattern(int length, int seed = 1)
    {
        byte[] data = new byte[length];
        uint state = (uint)seed * 2654435761u + 1;
        for (int i = 0; i < length; i++)
        {
            state = state * 1664525u + 1013904223u;
            data[i] = (byte)((state >> 24) | 1);
        }
        return data;
    }

    /// <summary>A time as nanoseconds since the epoch.</summary>
    protected static long Nanos(NfsTime4 time) => time.ToUnixNanoseconds();

    /// <summary>The test machine's clock.</summary>
    protected static NfsTime4 Now() => NfsTime4.FromUnixNanoseconds((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100);

    /// <summary>A fixed time in the past, with nanoseconds, for setting times explicitly.</summary>
    protected static NfsTime4 PastTime => new(1_000_000_000, 123_456_789);

    /// <summary>Sets the modification and access times of an object to <see cref="PastTime"/>, so a later change to them is visible whatever the clock resolution.</summary>
    protected async Task AgeAsync(FsalObject obj) =>
        await SetAttributesAsync(obj, new FsalSetAttributes
        {
            AccessTimeHow = FsalTimeSet.ClientTime,
            AccessTime = PastTime,
            ModifyTimeHow = FsalTimeSet.ClientTime,
            ModifyTime = PastTime,
        });
}

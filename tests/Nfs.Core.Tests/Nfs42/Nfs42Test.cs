using Fsal.Memory;
using Nfs.Core.Fsal;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Nfs4.Operations;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Nfs42;

/// <summary>
/// Base of the NFSv4.2 tests: each test gets its own server (one export of
/// <see cref="CreateFileSystem"/> at "/", changed by <see cref="Configure"/>) and a client with a
/// 4.2 session, plus helpers for files opened through that session.
/// </summary>
public abstract class Nfs42Test
{
    /// <summary>Largest WRITE or READ a helper sends (well inside the session's 1 MiB messages).</summary>
    protected const int IoChunk = 256 * 1024;

    /// <summary>The memory backend's storage chunk: holes are found at this granularity.</summary>
    protected const int Chunk = 64 * 1024;

    /// <summary>The server of the current test.</summary>
    protected TestServer Server { get; private set; } = null!;

    /// <summary>A client with a 4.2 session.</summary>
    protected Nfs4Client Client { get; private set; } = null!;

    /// <summary>The backend of the export (a new memory filesystem by default).</summary>
    protected virtual IFileSystem CreateFileSystem() => new MemoryFileSystem();

    /// <summary>Changes the server options before the server starts.</summary>
    protected virtual void Configure(NfsServerOptions options) { }

    /// <summary>Whether the session's connection is also its back channel, served by <see cref="Callbacks"/>.</summary>
    protected virtual bool BackChannel => false;

    /// <summary>Answers (and records) the server's callbacks when <see cref="BackChannel"/> is set.</summary>
    protected Nfs4CallbackServer Callbacks { get; } = new();

    [SetUp]
    public async Task StartAsync()
    {
        Server = TestServer.Start(Configure, CreateFileSystem());
        Client = await Server.ConnectAsync();
        if (BackChannel) Client.ServeCallbacks(Callbacks);
        await Client.EstablishSessionAsync(minorVersion: 2, backChannel: BackChannel);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>Sends a COMPOUND on the 4.2 session (SEQUENCE is put in front).</summary>
    protected Task<CompoundReply> CompoundAsync(Action<Compound> build) => Client.CompoundAsync(build);

    /// <summary>Sends a COMPOUND and asserts its status.</summary>
    protected async Task<CompoundReply> ExpectAsync(NfsStat4 status, Action<Compound> build)
    {
        var reply = await CompoundAsync(build);
        Assert.That(reply.Status, Is.EqualTo(status), reply.Describe());
        return reply;
    }

    /// <summary>Opens (by default creating) a file in the root directory.</summary>
    protected async Task<(byte[] Handle, StateId4 StateId)> OpenAsync(string name, bool create = true, uint access = OpenShare4.AccessBoth) =>
        await Client.OpenAsync("", name, create, access);

    /// <summary>Creates a file, writes <paramref name="data"/> at <paramref name="offset"/>, and keeps it open.</summary>
    protected async Task<(byte[] Handle, StateId4 StateId)> CreateAsync(string name, byte[]? data = null, ulong offset = 0)
    {
        var file = await OpenAsync(name);
        if (data is not null) await WriteAsync(file.Handle, file.StateId, offset, data);
        return file;
    }

    /// <summary>WRITEs <paramref name="data"/> in pieces, asserting success.</summary>
    protected async Task WriteAsync(byte[] handle, StateId4 stateId, ulong offset, byte[] data)
    {
        for (int at = 0; at < data.Length; at += IoChunk)
        {
            var piece = data.AsMemory(at, Math.Min(IoChunk, data.Length - at));
            await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).Write(stateId, offset + (ulong)at, piece));
        }
    }

    /// <summary>READs the whole file in pieces.</summary>
    protected async Task<byte[]> ReadAllAsync(byte[] handle, StateId4 stateId)
    {
        var all = new MemoryStream();
        for (ulong at = 0; ; )
        {
            var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).Read(stateId, at, IoChunk));
            var read = ReadResult.Decode(r.Last(NfsOp4.Read).Reader);
            all.Write(read.Data.Span);
            at += (ulong)read.Data.Length;
            if (read.Eof || read.Data.Length == 0) return all.ToArray();
        }
    }

    /// <summary>The size attribute of a file.</summary>
    protected async Task<ulong> SizeAsync(byte[] handle)
    {
        var r = await ExpectAsync(NfsStat4.Ok, c => c.PutFh(handle).GetAttr(A.Size));
        return (ulong)r.Attributes()[A.Size];
    }

    /// <summary>A stateid of this server instance that names nothing (BAD_STATEID, not STALE_STATEID).</summary>
    protected StateId4 UnknownStateId => new(1, ((ulong)Server.Server.State.BootEpoch << 32) | 0x7fff_fff0, 12345);

    /// <summary>Deterministic bytes, never zero (so the memory backend allocates them).</summary>
    protected static byte[] Pattern(int length, int seed = 1)
    {
        var data = new byte[length];
        uint state = (uint)seed * 2654435761u + 1;
        for (int i = 0; i < length; i++)
        {
            state = state * 1664525u + 1013904223u;
            data[i] = (byte)((state >> 24) | 1);
        }
        return data;
    }

    /// <summary>Creates a regular file straight in a memory backend (before the server starts, or behind its back).</summary>
    protected static FsalObject CreateInBackend(MemoryFileSystem fs, string name, byte[]? data = null)
    {
        var request = new FsalCreateRequest { Type = FsalFileType.Regular, Attributes = new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x1B6 } };
        var created = fs.CreateAsync(FsalContext.Root, fs.Root, name, request).AsTask().GetAwaiter().GetResult().Value.Object;
        if (data is not null) fs.WriteAsync(FsalContext.Root, created, null, 0, data, FsalStability.FileSync).AsTask().GetAwaiter().GetResult();
        return created;
    }
}

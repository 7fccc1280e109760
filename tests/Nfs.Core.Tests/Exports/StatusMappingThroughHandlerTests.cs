using Moq;
using Nfs.Core.Exports;
using Nfs.Core.Fsal;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;

namespace Nfs.Core.Tests.Exports;

/// <summary>
/// Backend statuses reach the client through the handlers as Nfs4StatusMap says, proven with a
/// mocked backend that fails in a chosen way (the memory backend cannot produce most of them).
/// </summary>
public sealed class StatusMappingThroughHandlerTests
{
    private readonly FakeFsalObject _root = new(FsalFileType.Directory, 0, 0, 0, 0, 0, 0, 0, 1);
    private readonly FakeFsalObject _file = new(FsalFileType.Regular, 0, 0, 0, 0, 0, 0, 0, 2);
    private Mock<IFileSystem> _fs = null!;
    private TestServer _server = null!;

    [SetUp]
    public void Start()
    {
        _fs = new Mock<IFileSystem>();
        _fs.SetupGet(f => f.Capabilities).Returns(new FsalCapabilities());
        _fs.SetupGet(f => f.Root).Returns(_root);
        _fs.Setup(f => f.LookupAsync(It.IsAny<FsalContext>(), _root, "file", It.IsAny<FsalAttrMask>()))
            .Returns(new ValueTask<FsalResult<FsalLookup>>(new FsalLookup(_file, new FsalAttributes { Type = FsalFileType.Regular })));
        _server = TestServer.Start(o => o.Exports[0].Squash = SquashMode.Root, _fs.Object);
    }

    [TearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<CompoundReply> CompoundAsync(Action<Nfs.TestClient.Compound> build, Nfs.Protocol.Rpc.OpaqueAuth? credential = null)
    {
        var client = await _server.ConnectAsync();
        return await client.CompoundAsync(build, credential);
    }

    [TestCase(FsalStatus.NoEntry, NfsStat4.Noent)]
    [TestCase(FsalStatus.AccessDenied, NfsStat4.Access)]
    [TestCase(FsalStatus.IOError, NfsStat4.Io)]
    [TestCase(FsalStatus.Stale, NfsStat4.Stale)]
    [TestCase(FsalStatus.Delay, NfsStat4.Delay)]
    [TestCase(FsalStatus.ServerFault, NfsStat4.Serverfault)]
    [TestCase(FsalStatus.NameTooLong, NfsStat4.Nametoolong)]
    public async Task LOOKUP_reports_the_backends_failure(FsalStatus status, NfsStat4 expected)
    {
        _fs.Setup(f => f.LookupAsync(It.IsAny<FsalContext>(), _root, "x", It.IsAny<FsalAttrMask>()))
            .Returns(new ValueTask<FsalResult<FsalLookup>>(FsalResult<FsalLookup>.Fail(status)));
        var r = await CompoundAsync(c => c.PutRootFh().Lookup("x"));
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [TestCase(FsalStatus.NoSpace, NfsStat4.Nospc)]
    [TestCase(FsalStatus.QuotaExceeded, NfsStat4.Dquot)]
    [TestCase(FsalStatus.Exists, NfsStat4.Exist)]
    [TestCase(FsalStatus.ReadOnly, NfsStat4.Rofs)]
    [TestCase(FsalStatus.TooManyLinks, NfsStat4.Mlink)]
    [TestCase(FsalStatus.NotPermitted, NfsStat4.Perm)]
    [TestCase(FsalStatus.BadName, NfsStat4.Badname)]
    public async Task CREATE_reports_the_backends_failure(FsalStatus status, NfsStat4 expected)
    {
        _fs.Setup(f => f.CreateAsync(It.IsAny<FsalContext>(), _root, "d", It.IsAny<FsalCreateRequest>()))
            .Returns(new ValueTask<FsalResult<FsalCreated>>(FsalResult<FsalCreated>.Fail(status)));
        var r = await CompoundAsync(c => c.PutRootFh().Mkdir("d"));
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [TestCase(FsalStatus.NoSpace, NfsStat4.Nospc)]
    [TestCase(FsalStatus.FileTooBig, NfsStat4.Fbig)]
    [TestCase(FsalStatus.IOError, NfsStat4.Io)]
    public async Task WRITE_reports_the_backends_failure(FsalStatus status, NfsStat4 expected)
    {
        _fs.Setup(f => f.WriteAsync(It.IsAny<FsalContext>(), _file, It.IsAny<object?>(), 0, It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<FsalStability>()))
            .Returns(new ValueTask<FsalResult<FsalWrite>>(FsalResult<FsalWrite>.Fail(status)));
        var r = await CompoundAsync(c => c.PutRootFh().Lookup("file").Write(default, 0, new byte[3]));
        Assert.That(r.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task REMOVE_of_a_non_empty_directory_is_NOTEMPTY_but_RENAME_onto_one_is_EXIST()
    {
        _fs.Setup(f => f.RemoveAsync(It.IsAny<FsalContext>(), _root, "d"))
            .Returns(new ValueTask<FsalResult<FsalChangeInfo>>(FsalResult<FsalChangeInfo>.Fail(FsalStatus.NotEmpty)));
        _fs.Setup(f => f.RenameAsync(It.IsAny<FsalContext>(), _root, "a", _root, "d"))
            .Returns(new ValueTask<FsalResult<FsalRenamed>>(FsalResult<FsalRenamed>.Fail(FsalStatus.NotEmpty)));
        Assert.That((await CompoundAsync(c => c.PutRootFh().Remove("d"))).Status, Is.EqualTo(NfsStat4.Notempty));
        Assert.That((await CompoundAsync(c => c.PutRootFh().SaveFh().Rename("a", "d"))).Status, Is.EqualTo(NfsStat4.Exist));
    }

    [Test]
    public async Task Backend_that_throws_gives_SERVERFAULT_and_the_connection_keeps_serving()
    {
        _fs.Setup(f => f.GetAttributesAsync(It.IsAny<FsalContext>(), _root, It.IsAny<FsalAttrMask>())).Throws(new InvalidOperationException("backend bug"));
        var client = await _server.ConnectAsync();
        var r = await client.CompoundAsync(c => c.PutRootFh().GetAttr(Nfs4Attribute.Type));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Serverfault));
        await RpcAssert.ServesAsync(client.Rpc);
        Assert.That((await client.CompoundAsync(c => c.PutRootFh().GetFh())).Status, Is.EqualTo(NfsStat4.Ok));
    }

    [TestCase(0u, Credential.Nobody)]
    [TestCase(1000u, 1000u)]
    public async Task Backend_sees_the_caller_after_root_squashing(uint uid, uint expectedUid)
    {
        _fs.Setup(f => f.LookupAsync(It.IsAny<FsalContext>(), _root, "x", It.IsAny<FsalAttrMask>()))
            .Returns(new ValueTask<FsalResult<FsalLookup>>(FsalResult<FsalLookup>.Fail(FsalStatus.NoEntry)));
        await CompoundAsync(c => c.PutRootFh().Lookup("x"), Credentials.Sys(uid, 77, 5, 6));
        _fs.Verify(f => f.LookupAsync(It.Is<FsalContext>(ctx => ctx.Caller.Uid == expectedUid), _root, "x", It.IsAny<FsalAttrMask>()), Times.Once);
    }
}

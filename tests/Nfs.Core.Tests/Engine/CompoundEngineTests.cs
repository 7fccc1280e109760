using System.Text;
using Nfs.Core.Hosting;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;
using Nfs.TestClient;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Engine;

/// <summary>The COMPOUND procedure itself (RFC 7530 sections 15.2 and 16.2): header, operation loop, limits.</summary>
public sealed class CompoundEngineTests : ServerTest
{
    private const int MaxOps = 8;

    protected override bool EstablishClient => false;

    protected override void Configure(NfsServerOptions options) => options.Nfs4.MaxOperationsPerCompound = MaxOps;

    private RpcClient Rpc => Session.Client.Rpc;

    private async Task<RpcReplyMessage> RawCompoundAsync(Action<XdrWriter> args) =>
        await Rpc.CallAsync(Nfs4Constants.Program, Nfs4Constants.Version, Nfs4Constants.ProcCompound, args).WaitAsync(RpcAssert.ReplyTimeout);

    private async Task<CompoundReply> DecodedRawCompoundAsync(Action<XdrWriter> args)
    {
        var reply = await RawCompoundAsync(args);
        RpcAssert.Accepted(reply, RpcAcceptStatus.Success);
        return CompoundReply.Decode(reply.Reader);
    }

    public static IEnumerable<TestCaseData> TruncatedHeaders()
    {
        yield return new TestCaseData((Action<XdrWriter>)(_ => { })).SetArgDisplayNames("no arguments");
        yield return new TestCaseData((Action<XdrWriter>)(w => w.WriteUInt32(8))).SetArgDisplayNames("tag length without tag");
        yield return new TestCaseData((Action<XdrWriter>)(w => w.WriteOpaque("tag"u8))).SetArgDisplayNames("tag only");
        yield return new TestCaseData((Action<XdrWriter>)(w => { w.WriteOpaque("tag"u8); w.WriteUInt32(0); })).SetArgDisplayNames("tag and minorversion");
        yield return new TestCaseData((Action<XdrWriter>)(w => w.WriteUInt32(0xFFFFFFFF))).SetArgDisplayNames("tag length 2^32-1");
    }

    [TestCaseSource(nameof(TruncatedHeaders))]
    public async Task Truncated_COMPOUND_header_is_GARBAGE_ARGS(Action<XdrWriter> args)
    {
        RpcAssert.Accepted(await RawCompoundAsync(args), RpcAcceptStatus.GarbageArguments);
        await RpcAssert.ServesAsync(Rpc);
    }

    [Test]
    public async Task Empty_COMPOUND_is_OK_with_no_results()
    {
        var r = await CompoundAsync(_ => { });
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Results, Is.Empty);
    }

    [Test]
    public async Task Tag_is_echoed()
    {
        var c = new Nfs.TestClient.Compound { Tag = Encoding.UTF8.GetBytes("héllo tag") };
        c.PutRootFh();
        var r = await Session.CompoundAsync(c);
        Assert.That(r.Tag, Is.EqualTo(c.Tag));
    }

    [TestCase(new byte[] { 0xFF })]
    [TestCase(new byte[] { 0x61, 0xC3 })]             // truncated two-byte sequence
    [TestCase(new byte[] { 0xC0, 0xAF })]             // overlong '/'
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 })]       // UTF-16 surrogate
    public async Task Tag_that_is_not_UTF8_is_INVAL_with_the_tag_echoed_and_no_operation_run(byte[] tag)
    {
        var c = new Nfs.TestClient.Compound { Tag = tag };
        c.PutRootFh().GetFh();
        var r = await Session.CompoundAsync(c);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Inval));
        Assert.That(r.Tag, Is.EqualTo(tag));
        Assert.That(r.Results, Is.Empty);
    }

    [TestCase(3u)]
    [TestCase(50u)]
    [TestCase(uint.MaxValue)]
    public async Task Unsupported_minorversion_is_MINOR_VERS_MISMATCH_with_no_results(uint minor)
    {
        var c = new Nfs.TestClient.Compound { MinorVersion = minor, Tag = "minor"u8.ToArray() };
        c.PutRootFh().GetFh();
        var r = await Session.CompoundAsync(c);
        Assert.That(r.Status, Is.EqualTo(NfsStat4.MinorVersMismatch));
        Assert.That(r.Results, Is.Empty);
        Assert.That(r.Tag, Is.EqualTo(c.Tag));
    }

    [TestCase(0u)]
    [TestCase(1u)]
    [TestCase(2u)]
    [TestCase(42u)]      // EXCHANGE_ID: a 4.1 operation
    [TestCase(75u)]      // REMOVEXATTR: a 4.2 operation
    [TestCase(200u)]
    [TestCase(10044u)]   // OP_ILLEGAL itself
    [TestCase(uint.MaxValue)]
    public async Task Unknown_opcode_is_OP_ILLEGAL_reported_as_OP_ILLEGAL_and_ends_the_COMPOUND(uint opcode)
    {
        var r = await CompoundAsync(c => c.PutRootFh().Raw((NfsOp4)opcode).GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.OpIllegal));
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Putrootfh, NfsOp4.Illegal }));
        Assert.That(r.Statuses(), Is.EqualTo(new[] { NfsStat4.Ok, NfsStat4.OpIllegal }));
    }

    [Test]
    public async Task First_failure_ends_the_COMPOUND_and_its_status_is_the_COMPOUND_status()
    {
        var r = await CompoundAsync(c => c.PutRootFh().Lookup("missing").GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Noent));
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Putrootfh, NfsOp4.Lookup }));
    }

    [Test]
    public async Task Opaque_length_2_pow_32_minus_1_in_an_argument_is_BADXDR_for_that_operation_and_the_connection_keeps_serving()
    {
        var r = await CompoundAsync(c => c.PutRootFh().Raw(NfsOp4.Lookup, w => w.WriteUInt32(0xFFFFFFFF)).GetFh());
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badxdr));
        Assert.That(r.Ops(), Is.EqualTo(new[] { NfsOp4.Putrootfh, NfsOp4.Lookup }));
        Assert.That(r.Statuses(), Is.EqualTo(new[] { NfsStat4.Ok, NfsStat4.Badxdr }));
        await RpcAssert.ServesAsync(Rpc);
        var again = await CompoundAsync(c => c.PutRootFh().GetFh());
        Assert.That(again.Status, Is.EqualTo(NfsStat4.Ok));
    }

    public static IEnumerable<TestCaseData> BadArguments()
    {
        yield return new TestCaseData(NfsOp4.Putfh, (Action<XdrWriter>)(w => w.WriteUInt32(64))).SetArgDisplayNames("PUTFH handle shorter than its length");
        yield return new TestCaseData(NfsOp4.Getattr, (Action<XdrWriter>)(w => w.WriteUInt32(1000))).SetArgDisplayNames("GETATTR bitmap of 1000 words");
        yield return new TestCaseData(NfsOp4.Openattr, (Action<XdrWriter>)(w => w.WriteUInt32(2))).SetArgDisplayNames("OPENATTR bool 2");
        yield return new TestCaseData(NfsOp4.Access, (Action<XdrWriter>)(_ => { })).SetArgDisplayNames("ACCESS without argument");
        yield return new TestCaseData(NfsOp4.Readdir, (Action<XdrWriter>)(w => w.WriteUInt64(0))).SetArgDisplayNames("READDIR truncated");
    }

    [TestCaseSource(nameof(BadArguments))]
    public async Task Undecodable_operation_arguments_are_BADXDR(NfsOp4 op, Action<XdrWriter> args)
    {
        var r = await CompoundAsync(c => c.PutRootFh().Raw(op, args));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badxdr), r.Describe());
        Assert.That(r.Results[^1].Op, Is.EqualTo(op));
        await RpcAssert.ServesAsync(Rpc);
    }

    [Test]
    public async Task Fewer_operations_than_announced_is_BADXDR_after_the_ones_present()
    {
        var r = await DecodedRawCompoundAsync(w =>
        {
            w.WriteOpaque("t"u8);
            w.WriteUInt32(0);
            w.WriteUInt32(3); // three announced, two present
            w.WriteUInt32((uint)NfsOp4.Putrootfh);
            w.WriteUInt32((uint)NfsOp4.Getfh);
        });
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Badxdr));
        Assert.That(r.Results, Has.Count.EqualTo(3));
        Assert.That(r.Statuses(), Is.EqualTo(new[] { NfsStat4.Ok, NfsStat4.Ok, NfsStat4.Badxdr }));
    }

    [Test]
    public async Task More_operations_than_MaxOperationsPerCompound_is_RESOURCE()
    {
        var r = await CompoundAsync(c => { for (int i = 0; i < MaxOps + 1; i++) c.PutRootFh(); });
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Resource));
    }

    [Test]
    public async Task Announcing_2_pow_32_minus_1_operations_is_RESOURCE_without_reading_them()
    {
        var r = await DecodedRawCompoundAsync(w =>
        {
            w.WriteOpaque("t"u8);
            w.WriteUInt32(0);
            w.WriteUInt32(uint.MaxValue);
            w.WriteUInt32((uint)NfsOp4.Putrootfh);
        });
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Resource));
    }

    [Test]
    public async Task Exactly_MaxOperationsPerCompound_operations_run()
    {
        var r = await CompoundAsync(c => { for (int i = 0; i < MaxOps - 1; i++) c.PutRootFh(); c.GetAttr(A.Type); });
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok));
        Assert.That(r.Results, Has.Count.EqualTo(MaxOps));
    }
}

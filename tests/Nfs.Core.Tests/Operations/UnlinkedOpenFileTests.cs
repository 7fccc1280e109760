using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Operations;

/// <summary>A file removed while open stays usable through its open until the last CLOSE (POSIX semantics the Linux client relies on).</summary>
public sealed class UnlinkedOpenFileTests : ServerTest
{
    [Test]
    public async Task Removed_open_file_stays_readable_until_CLOSE_and_is_STALE_afterwards()
    {
        var open = await Session.OpenAsync("f");
        await Session.WriteAsync(open.Handle, open.StateId, 0, "still here"u8.ToArray());
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().Remove("f"));

        var read = await Session.ReadAsync(open.Handle, open.StateId, 0, 100);
        Assert.That(read.Data.ToArray(), Is.EqualTo("still here"u8.ToArray()));
        Assert.That((await Session.GetAttrsAsync(open.Handle, A.Numlinks))[A.Numlinks], Is.EqualTo(0u));

        await Session.CloseAsync(open);
        var after = await CompoundAsync(c => c.PutFh(open.Handle).GetAttr(A.Size));
        Assert.That(after.Status, Is.EqualTo(NfsStat4.Stale));
    }

    [Test]
    public async Task CLOSE_after_RENAME_replaced_the_open_file_is_OK()
    {
        var open = await Session.OpenAsync("target");
        await Session.CreateFileAsync("source");
        await Session.ExpectAsync(NfsStat4.Ok, c => c.PutRootFh().SaveFh().Rename("source", "target"));
        var r = await CompoundAsync(c => c.PutFh(open.Handle).Close(open.Owner.Next(), open.StateId));
        Assert.That(r.Status, Is.EqualTo(NfsStat4.Ok), r.Describe());
    }
}

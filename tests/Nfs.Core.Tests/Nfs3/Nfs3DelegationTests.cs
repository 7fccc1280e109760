using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Mount;
using Nfs.Protocol.Nfs3;
using Nfs.Protocol.Nfs4;
using Nfs.TestClient;
using static Nfs.Core.Tests.Infrastructure.DelegationHelpers;

namespace Nfs.Core.Tests.Nfs3;

/// <summary>An NFSv3 write to a file an NFSv4 client holds a delegation on recalls it and is answered JUKEBOX meanwhile.</summary>
public sealed class Nfs3DelegationTests : Session41Test
{
    [Test]
    public async Task AnNfs3WriteRecallsAReadDelegation()
    {
        var holder = await NewClientAsync();
        await holder.Session.CreateFileAsync("f", [1, 2, 3, 4]);
        var (file, deleg) = await holder.Session.OpenWithDelegationAsync("f", OpenShare4.AccessRead);
        Assert.That(deleg.Granted, Is.True, "setup: a read delegation");

        var nfs3 = Nfs3Client.Over(await Server.ConnectRpcAsync());
        var root = (await MountClient.Over(await Server.ConnectRpcAsync()).MountAsync("/")).Handle;
        var fh = (await nfs3.LookupAsync(root, "f")).Handle;
        Assert.That(fh.Span.ToArray(), Is.EqualTo(file.Handle), "NFSv3 and NFSv4 handles are the same bytes");
        Assert.That((await nfs3.ReadAsync(fh, 0, 4)).Status, Is.EqualTo(NfsStat3.Ok), "reads do not conflict with a read delegation");

        var first = await nfs3.WriteAsync(fh, 0, new byte[] { 9 });
        Assert.That(first.Status, Is.EqualTo(NfsStat3.Jukebox));
        await holder.Callbacks.WaitForAsync(c => c.Find<CbRecallRequest>() is not null, CallbackTimeout);
        await holder.Session.ExpectAsync(NfsStat4.Ok, c => c.PutFh(file.Handle).DelegReturn(deleg.StateId));
        var retried = await nfs3.WriteAsync(fh, 0, new byte[] { 9 });
        Assert.That(retried.Status, Is.EqualTo(NfsStat3.Ok));
    }
}

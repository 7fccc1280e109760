using Nfs.Core.Exports;
using Nfs.Core.Tests.Infrastructure;
using Nfs.Protocol.Nfs4;
using A = Nfs.Protocol.Nfs4.Nfs4Attribute;

namespace Nfs.Core.Tests.Exports;

/// <summary>Identity squashing: what the backend sees as the caller, observed through the owner of created objects.</summary>
public sealed class SquashTests
{
    private static TestServer Start(SquashMode mode) => TestServer.Start(o =>
    {
        o.Exports[0].Squash = mode;
        o.Exports[0].AnonymousUid = 4242;
        o.Exports[0].AnonymousGid = 4343;
    });

    [TestCase(SquashMode.Root, 0u, "4242", "4343")]
    [TestCase(SquashMode.Root, 1000u, "1000", "1000")]
    [TestCase(SquashMode.All, 1000u, "4242", "4343")]
    [TestCase(SquashMode.All, 0u, "4242", "4343")]
    [TestCase(SquashMode.None, 0u, "0", "0")]
    [TestCase(SquashMode.None, 1000u, "1000", "1000")]
    public async Task Directory_created_by_CREATE_is_owned_by_the_mapped_identity(SquashMode mode, uint uid, string owner, string group)
    {
        await using var server = Start(mode);
        var session = await server.OpenSessionAsync();
        session.Credential = Credentials.Sys(uid);
        var fh = await session.MkdirAsync("d");
        var attrs = await session.GetAttrsAsync(fh, A.Owner, A.OwnerGroup);
        Assert.That((attrs[A.Owner], attrs[A.OwnerGroup]), Is.EqualTo((owner, group)));
    }

    [TestCase(SquashMode.Root, 0u, "4242")]
    [TestCase(SquashMode.All, 1000u, "4242")]
    [TestCase(SquashMode.None, 0u, "0")]
    public async Task File_created_by_OPEN_is_owned_by_the_mapped_identity(SquashMode mode, uint uid, string owner)
    {
        await using var server = Start(mode);
        var session = await server.OpenSessionAsync();
        session.Credential = Credentials.Sys(uid);
        var open = await session.OpenAsync("f");
        Assert.That((await session.GetAttrsAsync(open.Handle, A.Owner))[A.Owner], Is.EqualTo(owner));
    }

    [Test]
    public async Task Squashed_root_cannot_read_another_users_private_file()
    {
        await using var server = Start(SquashMode.Root);
        var session = await server.OpenSessionAsync();
        session.Credential = Credentials.Sys(1000);
        await session.OpenAsync("private", attrs: new FattrBuilder().Mode(0x180).Build());
        var asRoot = await session.OpenRawAsync("private", session.NewOwner(), create: false, access: OpenShare4.AccessRead, credential: Credentials.Root);
        Assert.That(asRoot.Status, Is.EqualTo(NfsStat4.Access));
    }

    [Test]
    public async Task AUTH_NONE_caller_is_the_anonymous_identity_even_without_squashing()
    {
        await using var server = Start(SquashMode.None);
        var session = await server.OpenSessionAsync();
        session.Credential = Credentials.None;
        var fh = await session.MkdirAsync("d");
        Assert.That((await session.GetAttrsAsync(fh, A.Owner))[A.Owner], Is.EqualTo(Nfs.Core.Fsal.Credential.Nobody.ToString()));
    }
}

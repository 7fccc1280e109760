using Nfs.Core.Fsal;
using Nfs.Core.Nfs4;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Units;

/// <summary>Backend statuses to nfsstat4.</summary>
public sealed class Nfs4StatusMapTests
{
    [TestCase(FsalStatus.Ok, NfsStat4.Ok)]
    [TestCase(FsalStatus.NotPermitted, NfsStat4.Perm)]
    [TestCase(FsalStatus.NoEntry, NfsStat4.Noent)]
    [TestCase(FsalStatus.IOError, NfsStat4.Io)]
    [TestCase(FsalStatus.NoDevice, NfsStat4.Nxio)]
    [TestCase(FsalStatus.AccessDenied, NfsStat4.Access)]
    [TestCase(FsalStatus.Exists, NfsStat4.Exist)]
    [TestCase(FsalStatus.CrossDevice, NfsStat4.Xdev)]
    [TestCase(FsalStatus.NotDirectory, NfsStat4.Notdir)]
    [TestCase(FsalStatus.IsDirectory, NfsStat4.Isdir)]
    [TestCase(FsalStatus.Invalid, NfsStat4.Inval)]
    [TestCase(FsalStatus.FileTooBig, NfsStat4.Fbig)]
    [TestCase(FsalStatus.NoSpace, NfsStat4.Nospc)]
    [TestCase(FsalStatus.ReadOnly, NfsStat4.Rofs)]
    [TestCase(FsalStatus.TooManyLinks, NfsStat4.Mlink)]
    [TestCase(FsalStatus.NameTooLong, NfsStat4.Nametoolong)]
    [TestCase(FsalStatus.NotEmpty, NfsStat4.Notempty)]
    [TestCase(FsalStatus.QuotaExceeded, NfsStat4.Dquot)]
    [TestCase(FsalStatus.Stale, NfsStat4.Stale)]
    [TestCase(FsalStatus.BadHandle, NfsStat4.Badhandle)]
    [TestCase(FsalStatus.BadCookie, NfsStat4.BadCookie)]
    [TestCase(FsalStatus.NotSupported, NfsStat4.Notsupp)]
    [TestCase(FsalStatus.TooSmall, NfsStat4.Toosmall)]
    [TestCase(FsalStatus.ServerFault, NfsStat4.Serverfault)]
    [TestCase(FsalStatus.BadType, NfsStat4.Badtype)]
    [TestCase(FsalStatus.Delay, NfsStat4.Delay)]
    [TestCase(FsalStatus.Symlink, NfsStat4.Symlink)]
    [TestCase(FsalStatus.Locked, NfsStat4.Denied)]
    [TestCase(FsalStatus.Deadlock, NfsStat4.Deadlock)]
    [TestCase(FsalStatus.BadName, NfsStat4.Badname)]
    [TestCase(FsalStatus.AttributeNotSupported, NfsStat4.Attrnotsupp)]
    public void Maps(FsalStatus status, NfsStat4 expected)
    {
        Assert.That(status.ToNfs4(), Is.EqualTo(expected));
    }

    [Test]
    public void Only_ServerFault_and_unknown_values_become_SERVERFAULT()
    {
        foreach (var status in Enum.GetValues<FsalStatus>().Where(s => s != FsalStatus.ServerFault))
        {
            Assert.That(status.ToNfs4(), Is.Not.EqualTo(NfsStat4.Serverfault), status.ToString());
        }
        Assert.That(((FsalStatus)9999).ToNfs4(), Is.EqualTo(NfsStat4.Serverfault));
    }
}

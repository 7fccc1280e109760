using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>
/// The base of every conformance fixture: it creates a fresh filesystem for each test, holds the
/// hooks a backend overrides, and the helpers the tests share. A backend's test project inherits
/// each area's fixture (<see cref="NamespaceConformanceTests"/>, <see cref="DataConformanceTests"/>,
/// and so on) and overrides <see cref="CreateFileSystem"/>:
/// <code>
/// [TestFixture]
/// public class MyBackendNamespaceTests : NamespaceConformanceTests
/// {
///     protected override IFileSystem CreateFileSystem() => new MyFileSystem(TestDirectory());
/// }
/// </code>
/// </summary>
public abstract partial class FileSystemConformanceBase
{
    /// <summary>0644, the mode tests give new files.</summary>
    protected const uint FileMode = 0x1A4;

    /// <summary>0755, the mode tests give new directories.</summary>
    protected const uint DirectoryMode = 0x1ED;

    /// <summary>uid of the first unprivileged test user ("alice").</summary>
    protected const uint AliceUid = 1000;

    /// <summary>Primary gid of alice.</summary>
    protected const uint AliceGid = 1000;

    /// <summary>uid of the second unprivileged test user ("bob").</summary>
    protected const uint BobUid = 1001;

    /// <summary>Primary gid of bob.</summary>
    protected const uint BobGid = 1001;

    /// <summary>A supplementary group alice belongs to and bob does not.</summary>
    protected const uint SharedGid = 2000;

    private IFileSystem? _fileSystem;

    /// <summary>The filesystem under test, fresh for each test.</summary>
    protected IFileSystem Fs => _fileSystem ?? throw new InvalidOperationException("The filesystem exists only while a test runs.");

    /// <summary>The root directory of <see cref="Fs"/>.</summary>
    protected FsalObject Root => Fs.Root;

    /// <summary>Creates a fresh, empty, writable filesystem; called before every test.</summary>
    protected abstract IFileSystem CreateFileSystem();

    /// <summary>Releases a filesystem after its test; by default disposes it when it is disposable.</summary>
    protected virtual async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        if (fileSystem is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else if (fileSystem is IDisposable disposable) disposable.Dispose();
    }

    /// <summary>Whether the backend enforces POSIX permissions for non-root callers; when false the permission tests are ignored.</summary>
    protected virtual bool EnforcesPermissions => true;

    /// <summary>Whether special files (devices, fifos, sockets) can be created; from the capabilities by default.</summary>
    protected virtual bool SupportsSpecialFiles => Fs.Capabilities.SupportsSpecialFiles;

    /// <summary>Whether hard links are supported; from the capabilities by default.</summary>
    protected virtual bool SupportsHardLinks => Fs.Capabilities.SupportsHardLinks;

    /// <summary>Whether symbolic links are supported; from the capabilities by default.</summary>
    protected virtual bool SupportsSymlinks => Fs.Capabilities.SupportsSymlinks;

    /// <summary>The context of a privileged caller (uid 0), used by tests unless they need a user.</summary>
    protected virtual FsalContext RootContext => FsalContext.Root;

    /// <summary>The context of an unprivileged caller.</summary>
    protected virtual FsalContext UserContext(uint uid, uint gid, params uint[] groups) => new(new Credential(uid, gid, groups));

    /// <summary>alice: uid 1000, gid 1000, also in group 2000.</summary>
    protected FsalContext Alice => UserContext(AliceUid, AliceGid, SharedGid);

    /// <summary>bob: uid 1001, gid 1001.</summary>
    protected FsalContext Bob => UserContext(BobUid, BobGid);

    /// <summary>Creates the filesystem for the next test.</summary>
    [SetUp]
    public void CreateFileSystemForTest() => _fileSystem = CreateFileSystem();

    /// <summary>Releases the filesystem of the test that just ran.</summary>
    [TearDown]
    public async Task ReleaseFileSystemAfterTestAsync()
    {
        if (_fileSystem is null) return;
        IFileSystem fileSystem = _fileSystem;
        _fileSystem = null;
        await ReleaseFileSystemAsync(fileSystem);
    }

    /// <summary>Ignores the current test unless the backend enforces permissions.</summary>
    protected void RequirePermissions()
    {
        if (!EnforcesPermissions) Assert.Ignore("The backend does not enforce permissions.");
    }

    /// <summary>Ignores the current test unless the backend supports hard links.</summary>
    protected void RequireHardLinks()
    {
        if (!SupportsHardLinks) Assert.Ignore("The backend does not support hard links.");
    }

    /// <summary>Ignores the current test unless the backend supports symlinks.</summary>
    protected void RequireSymlinks()
    {
        if (!SupportsSymlinks) Assert.Ignore("The backend does not support symbolic links.");
    }

    /// <summary>Ignores the current test unless the backend supports special files.</summary>
    protected void RequireSpecialFiles()
    {
        if (!SupportsSpecialFiles) Assert.Ignore("The backend does not support special files.");
    }
}

using Fsal.Conformance;
using Nfs.Core.Fsal;
using NUnit.Framework;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Fsal.Posix.Tests;

// The conformance kit against a PosixFileSystem over a fresh temporary directory per test.
// No clone fixture: the backend does not offer cloning (ICloneFiles).

[TestFixture]
public sealed class PosixAttributeConformance : AttributeConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixConcurrencyConformance : ConcurrencyConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixCreateConformance : CreateConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixDataConformance : DataConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixExtendedAttributeConformance : ExtendedAttributeConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixHandleConformance : HandleConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixNamespaceConformance : NamespaceConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixPermissionConformance : PermissionConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixReadDirConformance : ReadDirConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixRenameConformance : RenameConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

[TestFixture]
public sealed class PosixSparseFileConformance : SparseFileConformanceTests
{
    private string _dir = "";

    protected override IFileSystem CreateFileSystem()
    {
        _dir = PosixTestDirectory.Create();
        return PosixTestDirectory.Open(_dir);
    }

    protected override async ValueTask ReleaseFileSystemAsync(IFileSystem fileSystem)
    {
        await base.ReleaseFileSystemAsync(fileSystem);
        PosixTestDirectory.Delete(_dir);
    }
}

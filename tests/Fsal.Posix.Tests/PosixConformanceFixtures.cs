using Fsal.Conformance;
using Nfs.Core.Fsal;
using NUnit.Framework;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Fsal.Posix.Tests;

// The conformance kit against a PosixFileSystem over a fresh temporary directory per test
// (removed at the end of the run, see PosixTestDirectory).
// No clone fixture: the backend does not offer cloning (ICloneFiles).

[TestFixture]
public sealed class PosixAttributeConformance : AttributeConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixConcurrencyConformance : ConcurrencyConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixCreateConformance : CreateConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixDataConformance : DataConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixExtendedAttributeConformance : ExtendedAttributeConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixHandleConformance : HandleConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixNamespaceConformance : NamespaceConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixPermissionConformance : PermissionConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixReadDirConformance : ReadDirConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixRenameConformance : RenameConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

[TestFixture]
public sealed class PosixSparseFileConformance : SparseFileConformanceTests
{
    protected override IFileSystem CreateFileSystem() => PosixTestDirectory.Open(PosixTestDirectory.Create());
}

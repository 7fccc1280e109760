using Fsal.Conformance;
using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Gluster.Tests;

// The conformance kit against a GlusterFileSystem exporting a fresh directory of the real test
// volume per test. No clone fixture: the backend does not offer cloning.

[TestFixture]
public sealed class GlusterAttributeConformance : AttributeConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterConcurrencyConformance : ConcurrencyConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterCreateConformance : CreateConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterDataConformance : DataConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterExtendedAttributeConformance : ExtendedAttributeConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterHandleConformance : HandleConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterNamespaceConformance : NamespaceConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterPermissionConformance : PermissionConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterReadDirConformance : ReadDirConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterRenameConformance : RenameConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

[TestFixture]
public sealed class GlusterSparseFileConformance : SparseFileConformanceTests
{
    protected override IFileSystem CreateFileSystem() => GlusterTestVolume.Open(GlusterTestVolume.CreateDirectory());
}

using Fsal.Conformance;
using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Memory.Tests;

// The conformance kit, run against a fresh MemoryFileSystem per test.

[TestFixture]
public sealed class MemoryHandleConformance : HandleConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryCreateConformance : CreateConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryNamespaceConformance : NamespaceConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryRenameConformance : RenameConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryReadDirConformance : ReadDirConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryDataConformance : DataConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryAttributeConformance : AttributeConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryPermissionConformance : PermissionConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryExtendedAttributeConformance : ExtendedAttributeConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryConcurrencyConformance : ConcurrencyConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemorySparseFileConformance : SparseFileConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

[TestFixture]
public sealed class MemoryCloneConformance : CloneConformanceTests
{
    protected override IFileSystem CreateFileSystem() => new MemoryFileSystem();
}

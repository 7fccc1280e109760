using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>A fresh directory and a POSIX backend over it for each test, removed after it.</summary>
public abstract class PosixBackendFixture
{
    /// <summary>The test's directory.</summary>
    protected string Dir { get; private set; } = "";

    /// <summary>The backend serving <see cref="Dir"/>.</summary>
    protected PosixFileSystem Fs { get; private set; } = null!;

    [SetUp]
    public void OpenBackend()
    {
        Dir = PosixTestDirectory.Create();
        Fs = PosixTestDirectory.Open(Dir);
    }

    [TearDown]
    public void CloseBackend()
    {
        Fs?.Dispose();
        PosixTestDirectory.Delete(Dir);
    }

    /// <summary>The value of a result that must have succeeded.</summary>
    protected static T Ok<T>(FsalResult<T> r) => r.IsOk ? r.Value : throw new AssertionException($"expected Ok, was {r.Status}");
}

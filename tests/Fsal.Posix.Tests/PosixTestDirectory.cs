using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Posix.Tests;

/// <summary>
/// A fresh directory under the system temporary directory for one test, exported by a new
/// PosixFileSystem; every directory made is removed when the test run ends
/// (<see cref="PosixTestCleanup"/>), or by <see cref="Delete"/> earlier. The backend needs root (open_by_handle_at and
/// per-thread identities): without it the tests are ignored, except in CI, where they fail.
/// </summary>
internal static class PosixTestDirectory
{
    /// <summary>Every directory made, for the clean-up at the end of the run.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentBag<string> Created = [];

    public static string Create()
    {
        RequireRoot();
        var dir = Path.Combine(Path.GetTempPath(), "fsal-posix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        Created.Add(dir);
        // Everyone may create in it, like the memory backend's root (0777).
        File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        return dir;
    }

    public static void RequireRoot()
    {
        if (Environment.UserName == "root" || Mono.Unix.Native.Syscall.geteuid() == 0) return;
        const string message = "the POSIX backend needs root";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
    }

    public static void Delete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static PosixFileSystem Open(string dir) => new(new PosixFsalOptions { Path = dir, Threads = 4 });
}

/// <summary>Removes the test directories once every test has run (their filesystems are disposed by then).</summary>
[SetUpFixture]
public sealed class PosixTestCleanup
{
    [OneTimeTearDown]
    public void RemoveDirectories()
    {
        foreach (var dir in PosixTestDirectory.Created) PosixTestDirectory.Delete(dir);
    }
}

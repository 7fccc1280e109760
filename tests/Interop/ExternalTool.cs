using System.Diagnostics;

namespace Interop;

/// <summary>Runs external programs (libnfs tools, the kernel-client harness) and enforces the CI rule: a real component the tests need must be present when CI=true.</summary>
public static class ExternalTool
{
    /// <summary>True when running in CI, where nothing may be skipped.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>Fails in CI, ignores the test elsewhere, when <paramref name="path"/> is null.</summary>
    public static string Require(string? path, string what)
    {
        if (path is not null) return path;
        string message = $"{what} is not installed (run ./test.sh, which installs it)";
        if (InCi) Assert.Fail(message);
        Assert.Ignore(message);
        return null!;
    }

    /// <summary>Fails in CI, ignores the test elsewhere, unless running as root (the POSIX server needs it).</summary>
    public static void RequireRoot()
    {
        if (Mono.Unix.Native.Syscall.geteuid() == 0) return;
        const string message = "the POSIX server needs root";
        if (InCi) Assert.Fail(message);
        Assert.Ignore(message);
    }

    /// <summary>Runs a program to completion and returns exit code, stdout and stderr.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}

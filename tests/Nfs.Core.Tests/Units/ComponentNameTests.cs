using System.Text;
using Nfs.Core.Nfs4;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Units;

/// <summary>Validation of component4 names (RFC 7530 section 12.7).</summary>
public sealed class ComponentNameTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string label, byte[] raw, NfsStat4 expected) => new TestCaseData(raw, expected).SetArgDisplayNames(label);
        yield return Case("empty", [], NfsStat4.Inval);
        yield return Case("a", "a"u8.ToArray(), NfsStat4.Ok);
        yield return Case("dot", "."u8.ToArray(), NfsStat4.Badname);
        yield return Case("dotdot", ".."u8.ToArray(), NfsStat4.Badname);
        yield return Case("three dots", "..."u8.ToArray(), NfsStat4.Ok);
        yield return Case("leading dot", ".hidden"u8.ToArray(), NfsStat4.Ok);
        yield return Case("slash", "a/b"u8.ToArray(), NfsStat4.Badname);
        yield return Case("trailing slash", "a/"u8.ToArray(), NfsStat4.Badname);
        yield return Case("NUL", "a\0b"u8.ToArray(), NfsStat4.Badname);
        yield return Case("255 bytes", Encoding.ASCII.GetBytes(new string('x', 255)), NfsStat4.Ok);
        yield return Case("256 bytes", Encoding.ASCII.GetBytes(new string('x', 256)), NfsStat4.Nametoolong);
        yield return Case("0xFF", [0xFF], NfsStat4.Inval);
        yield return Case("lone continuation byte", [0x80], NfsStat4.Inval);
        yield return Case("truncated sequence", [0x61, 0xE2, 0x82], NfsStat4.Inval);
        yield return Case("overlong slash", [0xC0, 0xAF], NfsStat4.Inval);
        yield return Case("surrogate", [0xED, 0xA0, 0x80], NfsStat4.Inval);
        yield return Case("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80], NfsStat4.Inval);
        yield return Case("multi-byte", "日本語 é"u8.ToArray(), NfsStat4.Ok);
        yield return Case("spaces and symbols", " a b:c*?"u8.ToArray(), NfsStat4.Ok);
    }

    [TestCaseSource(nameof(Cases))]
    public void Validate(byte[] raw, NfsStat4 expected)
    {
        var status = ComponentName.Validate(raw, 255, out var name);
        Assert.That(status, Is.EqualTo(expected));
        if (expected == NfsStat4.Ok) Assert.That(Encoding.UTF8.GetBytes(name), Is.EqualTo(raw));
    }

    [TestCase("abc", 3u, NfsStat4.Ok)]
    [TestCase("abcd", 3u, NfsStat4.Nametoolong)]
    [TestCase("éé", 3u, NfsStat4.Nametoolong)]   // the limit is in bytes, not characters
    public void Limit_is_the_backends_maximum_in_bytes(string text, uint max, NfsStat4 expected)
    {
        Assert.That(ComponentName.Validate(Encoding.UTF8.GetBytes(text), max, out _), Is.EqualTo(expected));
    }
}

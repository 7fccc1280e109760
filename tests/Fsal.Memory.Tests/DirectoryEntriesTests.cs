using Fsal.Memory.Nodes;
using Nfs.Protocol.Nfs4;
using NUnit.Framework;

namespace Fsal.Memory.Tests;

public sealed class DirectoryEntriesTests
{
    private static readonly MemoryNode Node = new RegularFileNode(100, 0x1A4, 0, 0, new NfsTime4(0, 0));

    private static List<DirectoryEntry> ReadAll(DirectoryEntries entries, ulong cookie, int batch = 4)
    {
        var all = new List<DirectoryEntry>();
        var buffer = new DirectoryEntry[batch];
        while (true)
        {
            int count = entries.CopyAfter(cookie, buffer, out bool end);
            all.AddRange(buffer.Take(count));
            if (end) return all;
            Assert.That(count, Is.GreaterThan(0));
            cookie = buffer[count - 1].Cookie;
        }
    }

    [Test]
    public void Cookies_start_at_three_and_are_never_reused()
    {
        var entries = new DirectoryEntries();
        Assert.That(entries.Add("a", Node).Cookie, Is.EqualTo(3ul));
        DirectoryEntry b = entries.Add("b", Node);
        entries.Remove(b);
        Assert.That(entries.Add("b", Node).Cookie, Is.EqualTo(5ul));
        Assert.That(entries.Count, Is.EqualTo(2));
    }

    [Test]
    public void End_is_reported_with_the_last_entry_even_when_tombstones_follow()
    {
        var entries = new DirectoryEntries();
        entries.Add("a", Node);
        DirectoryEntry b = entries.Add("b", Node);
        entries.Remove(b);
        var buffer = new DirectoryEntry[1];
        Assert.That(entries.CopyAfter(0, buffer, out bool end), Is.EqualTo(1));
        Assert.That(end, Is.True);
    }

    [Test]
    public void A_full_buffer_before_the_end_reports_more()
    {
        var entries = new DirectoryEntries();
        entries.Add("a", Node);
        entries.Add("b", Node);
        var buffer = new DirectoryEntry[1];
        entries.CopyAfter(0, buffer, out bool end);
        Assert.That(end, Is.False);
    }

    [Test]
    public void Compaction_keeps_order_and_cookies()
    {
        var entries = new DirectoryEntries();
        var added = Enumerable.Range(0, 1000).Select(i => entries.Add($"n{i}", Node)).ToList();
        foreach (DirectoryEntry entry in added.Where((_, i) => i % 4 != 0)) entries.Remove(entry);
        List<DirectoryEntry> remaining = ReadAll(entries, 0);
        Assert.That(remaining.Select(e => e.Name), Is.EqualTo(added.Where((_, i) => i % 4 == 0).Select(e => e.Name)));
        Assert.That(remaining.Select(e => e.Cookie), Is.Ordered.Ascending);
        // Resuming from a removed entry's cookie continues with the next surviving entry.
        Assert.That(ReadAll(entries, added[5].Cookie)[0].Name, Is.EqualTo("n8"));
    }

    [Test]
    public void Lookup_by_name_is_exact()
    {
        var entries = new DirectoryEntries();
        entries.Add("Name", Node);
        Assert.That(entries.TryGet("Name", out DirectoryEntry found), Is.True);
        Assert.That(found.Node, Is.SameAs(Node));
        Assert.That(entries.TryGet("name", out _), Is.False);
    }
}

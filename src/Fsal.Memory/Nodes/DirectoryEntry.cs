namespace Fsal.Memory.Nodes;

/// <summary>One name in a directory, with the READDIR cookie it was given when it was added.</summary>
internal sealed class DirectoryEntry(string name, ulong cookie, MemoryNode node)
{
    /// <summary>The name.</summary>
    public string Name { get; } = name;

    /// <summary>Position in READDIR order; unique and increasing within the directory.</summary>
    public ulong Cookie { get; } = cookie;

    /// <summary>The object the name refers to.</summary>
    public MemoryNode Node { get; } = node;
}

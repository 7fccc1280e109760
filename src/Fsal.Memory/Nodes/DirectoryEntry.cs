namespace Fsal.Memory.Nodes;

/// <summary>
/// One name in a directory, with the READDIR cookie it was given when it was added. A value
/// stored in the directory's tables rather than an object of its own: 40 bytes less per name.
/// </summary>
internal readonly record struct DirectoryEntry(string Name, ulong Cookie, MemoryNode Node);

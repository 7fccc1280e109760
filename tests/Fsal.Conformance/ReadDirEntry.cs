using Nfs.Core.Fsal;

namespace Fsal.Conformance;

/// <summary>One entry a backend pushed into a <see cref="RecordingSink"/>.</summary>
/// <param name="Name">Entry name.</param>
/// <param name="Cookie">Cookie to resume after this entry.</param>
/// <param name="Object">The object.</param>
/// <param name="Attributes">Its attributes.</param>
public sealed record ReadDirEntry(string Name, ulong Cookie, FsalObject Object, FsalAttributes Attributes);

using Nfs.Core.Fsal;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>An <see cref="FsalObject"/> with a given type and key, for unit tests and mocked backends.</summary>
public sealed class FakeFsalObject(FsalFileType type, params byte[] key) : FsalObject
{
    /// <summary>The key bytes.</summary>
    public byte[] Key { get; } = key;

    /// <inheritdoc/>
    public override FsalFileType Type { get; } = type;

    /// <inheritdoc/>
    public override int WriteKey(Span<byte> destination)
    {
        Key.CopyTo(destination);
        return Key.Length;
    }
}

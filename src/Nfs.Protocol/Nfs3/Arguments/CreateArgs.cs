using Nfs.Protocol.Nfs4;
using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Nfs3.Arguments;

/// <summary>CREATE3args: where, how, and either initial attributes or the exclusive-create verifier.</summary>
public readonly record struct CreateArgs3(DirOpArgs3 Where, CreateMode3 Mode, Sattr3 Attributes, ulong Verifier)
{
    /// <summary>Decodes.</summary>
    public static CreateArgs3 Decode(XdrReader r)
    {
        var where = DirOpArgs3.Decode(r);
        uint mode = r.ReadUInt32();
        return mode switch
        {
            (uint)CreateMode3.Unchecked or (uint)CreateMode3.Guarded => new CreateArgs3(where, (CreateMode3)mode, Sattr3.Decode(r), 0),
            (uint)CreateMode3.Exclusive => new CreateArgs3(where, CreateMode3.Exclusive, Sattr3.Empty, r.ReadUInt64()),
            _ => throw new XdrException(XdrErrorKind.BadValue, $"createmode3 {mode}"),
        };
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Where.Encode(w);
        w.WriteUInt32((uint)Mode);
        if (Mode == CreateMode3.Exclusive) w.WriteUInt64(Verifier);
        else Attributes.Encode(w);
    }
}

/// <summary>MKDIR3args.</summary>
public readonly record struct MkdirArgs3(DirOpArgs3 Where, Sattr3 Attributes)
{
    /// <summary>Decodes.</summary>
    public static MkdirArgs3 Decode(XdrReader r) => new(DirOpArgs3.Decode(r), Sattr3.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Where.Encode(w);
        Attributes.Encode(w);
    }
}

/// <summary>SYMLINK3args; the target is a slice of the request.</summary>
public readonly record struct SymlinkArgs3(DirOpArgs3 Where, Sattr3 Attributes, ReadOnlyMemory<byte> Target)
{
    /// <summary>Decodes.</summary>
    public static SymlinkArgs3 Decode(XdrReader r) => new(DirOpArgs3.Decode(r), Sattr3.Decode(r), r.ReadOpaque(Nfs3Constants.MaxDecodedNameLength));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Where.Encode(w);
        Attributes.Encode(w);
        w.WriteOpaque(Target.Span);
    }
}

/// <summary>MKNOD3args: the type decides whether attributes and device numbers follow.</summary>
public readonly record struct MknodArgs3(DirOpArgs3 Where, FileType3 Type, Sattr3 Attributes, SpecData4 Device)
{
    /// <summary>Decodes. Regular files, directories and symlinks carry nothing more (the server answers BADTYPE).</summary>
    public static MknodArgs3 Decode(XdrReader r)
    {
        var where = DirOpArgs3.Decode(r);
        uint type = r.ReadUInt32();
        switch ((FileType3)type)
        {
            case FileType3.CharacterDevice or FileType3.BlockDevice:
                var attrs = Sattr3.Decode(r);
                return new MknodArgs3(where, (FileType3)type, attrs, SpecData4.Decode(r));
            case FileType3.Socket or FileType3.Fifo:
                return new MknodArgs3(where, (FileType3)type, Sattr3.Decode(r), default);
            case FileType3.Regular or FileType3.Directory or FileType3.Symlink:
                return new MknodArgs3(where, (FileType3)type, Sattr3.Empty, default);
            default:
                throw new XdrException(XdrErrorKind.BadValue, $"ftype3 {type}");
        }
    }

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Where.Encode(w);
        w.WriteUInt32((uint)Type);
        switch (Type)
        {
            case FileType3.CharacterDevice or FileType3.BlockDevice:
                Attributes.Encode(w);
                Device.Encode(w);
                break;
            case FileType3.Socket or FileType3.Fifo:
                Attributes.Encode(w);
                break;
        }
    }
}

/// <summary>RENAME3args.</summary>
public readonly record struct RenameArgs3(DirOpArgs3 From, DirOpArgs3 To)
{
    /// <summary>Decodes.</summary>
    public static RenameArgs3 Decode(XdrReader r) => new(DirOpArgs3.Decode(r), DirOpArgs3.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        From.Encode(w);
        To.Encode(w);
    }
}

/// <summary>LINK3args: the existing file and the new name.</summary>
public readonly record struct LinkArgs3(NfsFileHandle File, DirOpArgs3 Link)
{
    /// <summary>Decodes.</summary>
    public static LinkArgs3 Decode(XdrReader r) => new(Nfs3FileHandle.Decode(r), DirOpArgs3.Decode(r));

    /// <summary>Encodes.</summary>
    public void Encode(XdrWriter w)
    {
        Nfs3FileHandle.Encode(w, File);
        Link.Encode(w);
    }
}

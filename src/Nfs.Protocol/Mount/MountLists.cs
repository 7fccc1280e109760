using Nfs.Protocol.Xdr;

namespace Nfs.Protocol.Mount;

/// <summary>An entry of the DUMP result (mountbody): a client host and the path it mounted.</summary>
public readonly record struct MountEntry(string Host, string Directory);

/// <summary>An entry of the EXPORT result (exportnode): a path and the groups (client networks) allowed; none means everyone.</summary>
public readonly record struct ExportEntry(string Directory, IReadOnlyList<string> Groups);

/// <summary>The XDR linked lists ("value follows" flags) of DUMP and EXPORT.</summary>
public static class MountLists
{
    /// <summary>Most list entries decoded (protects a client reading a hostile server).</summary>
    public const int MaxEntries = 100_000;

    /// <summary>Encodes a mountlist.</summary>
    public static void EncodeMounts(XdrWriter w, IEnumerable<MountEntry> entries)
    {
        foreach (var e in entries)
        {
            w.WriteBool(true);
            w.WriteString(e.Host);
            w.WriteString(e.Directory);
        }
        w.WriteBool(false);
    }

    /// <summary>Decodes a mountlist.</summary>
    public static List<MountEntry> DecodeMounts(XdrReader r)
    {
        var list = new List<MountEntry>();
        while (r.ReadBool())
        {
            if (list.Count == MaxEntries) throw XdrException.TooLong("mount list", list.Count + 1, MaxEntries);
            list.Add(new MountEntry(r.ReadString(MountConstants.MaxNameLength), r.ReadString(MountConstants.MaxPathLength)));
        }
        return list;
    }

    /// <summary>Encodes an exports list.</summary>
    public static void EncodeExports(XdrWriter w, IEnumerable<ExportEntry> entries)
    {
        foreach (var e in entries)
        {
            w.WriteBool(true);
            w.WriteString(e.Directory);
            foreach (var g in e.Groups)
            {
                w.WriteBool(true);
                w.WriteString(g);
            }
            w.WriteBool(false);
        }
        w.WriteBool(false);
    }

    /// <summary>Decodes an exports list.</summary>
    public static List<ExportEntry> DecodeExports(XdrReader r)
    {
        var list = new List<ExportEntry>();
        int total = 0;
        while (r.ReadBool())
        {
            string dir = r.ReadString(MountConstants.MaxPathLength);
            var groups = new List<string>();
            while (r.ReadBool())
            {
                if (++total > MaxEntries) throw XdrException.TooLong("export groups", total, MaxEntries);
                groups.Add(r.ReadString(MountConstants.MaxNameLength));
            }
            if (++total > MaxEntries) throw XdrException.TooLong("export list", total, MaxEntries);
            list.Add(new ExportEntry(dir, groups));
        }
        return list;
    }
}

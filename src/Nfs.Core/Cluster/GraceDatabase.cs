using System.Globalization;
using System.Text;

namespace Nfs.Core.Cluster;

/// <summary>
/// The cluster grace database (the model of NFS-Ganesha's rados_cluster): a current epoch C in
/// which nodes record their clients, a recovery epoch R (0 outside a cluster grace period)
/// whose records may be reclaimed, and each member's flags. Kept on the shared backend by
/// <see cref="GraceDatabaseFile"/>; changed only under its lock.
/// </summary>
public sealed class GraceDatabase
{
    private const string Magic = "fsal-grace-db 1";

    /// <summary>The current epoch C: new client records go to it.</summary>
    public ulong Current { get; set; } = 1;

    /// <summary>The recovery epoch R: nonzero while the cluster is in grace.</summary>
    public ulong Recovery { get; set; }

    /// <summary>True while the cluster is in grace.</summary>
    public bool InGrace => Recovery != 0;

    /// <summary>An administrator started the grace period and it lasts until they lift it.</summary>
    public bool AdminHold { get; set; }

    /// <summary>Every node that ever joined, by name.</summary>
    public SortedDictionary<string, ClusterMember> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>The member named <paramref name="nodeId"/>, added (down, no flags) when missing.</summary>
    public ClusterMember Member(string nodeId)
    {
        if (!Members.TryGetValue(nodeId, out var m)) Members[nodeId] = m = new ClusterMember(nodeId);
        return m;
    }

    /// <summary>
    /// Starts a cluster grace period unless one is running: the current epoch's records become
    /// the reclaimable ones and a new epoch begins. Returns whether it started one.
    /// </summary>
    public bool StartGrace()
    {
        if (InGrace) return false;
        Recovery = Current;
        Current++;
        return true;
    }

    /// <summary>
    /// Ends the cluster grace period when no serving node needs it any more, and clears every
    /// ENFORCING flag so the next grace period waits for all nodes afresh. Returns whether it ended.
    /// </summary>
    public bool TryLift()
    {
        if (!InGrace || AdminHold || Members.Values.Any(m => m.Up && m.Need)) return false;
        Recovery = 0;
        foreach (var m in Members.Values) m.Enforcing = false;
        return true;
    }

    /// <summary>Whether every serving node enforces the grace period (reclaims are safe).</summary>
    public bool AllEnforcing => Members.Values.All(m => !m.Up || m.Enforcing);

    /// <summary>The text form stored on the backend.</summary>
    public byte[] Encode()
    {
        var text = new StringBuilder()
            .Append(Magic).Append('\n')
            .Append("current ").Append(Current.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("recovery ").Append(Recovery.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("hold ").Append(AdminHold ? '1' : '0').Append('\n');
        foreach (var m in Members.Values)
        {
            text.Append("node ").Append(B64(m.NodeId))
                .Append(m.Up ? " up" : " down")
                .Append(' ').Append(m.Need ? '1' : '0').Append(m.Enforcing ? '1' : '0').Append(m.TakeoverRequested ? '1' : '0')
                .Append(' ').Append(m.RecordEpoch.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(m.TakenOverBy is null ? "-" : B64(m.TakenOverBy))
                .Append(' ').Append(m.EndPoints.Count == 0 ? "-" : string.Join(',', m.EndPoints))
                .Append('\n');
        }
        text.Append("end\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Parses <see cref="Encode"/>'s form; throws <see cref="FormatException"/> on anything else.</summary>
    public static GraceDatabase Decode(ReadOnlySpan<byte> bytes)
    {
        var lines = Encoding.ASCII.GetString(bytes).Split('\n');
        if (lines.Length < 5 || lines[0] != Magic) throw new FormatException("not a grace database");
        var db = new GraceDatabase
        {
            Current = Number(Field(lines[1], "current")),
            Recovery = Number(Field(lines[2], "recovery")),
            AdminHold = Field(lines[3], "hold") == "1",
        };
        int i = 4;
        for (; i < lines.Length && lines[i] != "end"; i++)
        {
            var f = Field(lines[i], "node").Split(' ');
            if (f.Length != 6 || f[2].Length != 3 || f[1] is not ("up" or "down")) throw new FormatException("bad node line");
            var m = db.Member(FromB64(f[0]));
            m.Up = f[1] == "up";
            m.Need = f[2][0] == '1';
            m.Enforcing = f[2][1] == '1';
            m.TakeoverRequested = f[2][2] == '1';
            m.RecordEpoch = Number(f[3]);
            m.TakenOverBy = f[4] == "-" ? null : FromB64(f[4]);
            m.EndPoints = f[5] == "-" ? [] : [.. f[5].Split(',')];
        }
        if (i == lines.Length) throw new FormatException("no end line");
        if (db.Current == 0 || db.Recovery >= db.Current) throw new FormatException("impossible epochs");
        return db;
    }

    /// <summary>A deep copy.</summary>
    public GraceDatabase Clone()
    {
        var copy = new GraceDatabase { Current = Current, Recovery = Recovery, AdminHold = AdminHold };
        foreach (var (k, m) in Members) copy.Members[k] = m.Clone();
        return copy;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder().Append("current epoch ").Append(Current)
            .Append(InGrace ? $", in grace (recovery epoch {Recovery}{(AdminHold ? ", held by an administrator" : "")})" : ", not in grace");
        foreach (var m in Members.Values) text.Append('\n').Append("  ").Append(m);
        return text.ToString();
    }

    private static string Field(string line, string name) =>
        line.StartsWith(name + " ", StringComparison.Ordinal) ? line[(name.Length + 1)..] : throw new FormatException("missing " + name);

    /// <summary>An epoch; <see cref="FormatException"/> for anything else, too large numbers included.</summary>
    private static ulong Number(string s) =>
        ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) ? n : throw new FormatException("bad number");

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static string FromB64(string s) => Encoding.UTF8.GetString(Convert.FromBase64String(s));
}

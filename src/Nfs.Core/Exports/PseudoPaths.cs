namespace Nfs.Core.Exports;

/// <summary>Normalization of pseudo filesystem paths.</summary>
public static class PseudoPaths
{
    /// <summary>Returns "/a/b" form: leading slash, no trailing slash, no empty or dot components.</summary>
    public static string Normalize(string path)
    {
        var parts = Split(path);
        return "/" + string.Join('/', parts);
    }

    /// <summary>The components of a path.</summary>
    public static string[] Split(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in parts)
        {
            if (p is "." or "..") throw new FormatException($"pseudo path '{path}' may not contain '.' or '..'");
        }
        return parts;
    }
}

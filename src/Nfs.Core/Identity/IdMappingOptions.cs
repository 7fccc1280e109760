namespace Nfs.Core.Identity;

/// <summary>How owner and group strings (the NFSv4 owner and owner_group attributes) are formed.</summary>
public sealed class IdMappingOptions
{
    /// <summary>
    /// When false (the default, as knfsd does for AUTH_SYS clients), ids are sent as numeric
    /// strings ("1000"); when true, as "name@domain" where the user or group has a name.
    /// </summary>
    public bool UseNames { get; set; }

    /// <summary>The NFSv4 ID-mapping domain for "name@domain" strings.</summary>
    public string Domain { get; set; } = "localdomain";
}

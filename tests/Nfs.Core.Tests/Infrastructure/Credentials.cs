using Nfs.Protocol.Rpc;

namespace Nfs.Core.Tests.Infrastructure;

/// <summary>RPC credentials for tests.</summary>
public static class Credentials
{
    /// <summary>AUTH_SYS for <paramref name="uid"/> (group = uid unless given).</summary>
    public static OpaqueAuth Sys(uint uid, uint? gid = null, params uint[] groups) =>
        new AuthSysParameters { MachineName = "testclient", Uid = uid, Gid = gid ?? uid, Gids = groups }.ToOpaqueAuth();

    /// <summary>AUTH_SYS root.</summary>
    public static OpaqueAuth Root => Sys(0);

    /// <summary>AUTH_NONE.</summary>
    public static OpaqueAuth None => OpaqueAuth.None;
}

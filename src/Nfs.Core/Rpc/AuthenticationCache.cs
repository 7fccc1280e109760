using Nfs.Core.Fsal;
using Nfs.Protocol.Rpc;
using Nfs.Protocol.Xdr;

namespace Nfs.Core.Rpc;

/// <summary>
/// Turns a call's credential into a <see cref="Credential"/>. Remembers the last AUTH_SYS body
/// of a connection, so the common case (every call of a mount carries the same credential)
/// costs a byte comparison instead of a decode and an allocation. One instance per connection;
/// not thread-safe beyond the benign race of replacing the cached entry.
/// </summary>
public sealed class AuthenticationCache
{
    private sealed record Entry(byte[] Body, Credential Credential, string MachineName);

    private volatile Entry? _last;

    /// <summary>Authenticates the call; sets <see cref="RpcCall.Caller"/> on success.</summary>
    public RpcAuthStatus Authenticate(RpcCall call, in OpaqueAuth credential)
    {
        switch (credential.Flavor)
        {
            case AuthFlavor.None:
                call.Caller = Credential.Anonymous;
                call.MachineName = null;
                return RpcAuthStatus.Ok;
            case AuthFlavor.Sys:
                var body = credential.Body.Span;
                var last = _last;
                if (last is not null && body.SequenceEqual(last.Body))
                {
                    call.Caller = last.Credential;
                    call.MachineName = last.MachineName;
                    return RpcAuthStatus.Ok;
                }
                AuthSysParameters sys;
                try
                {
                    sys = AuthSysParameters.Decode(credential.Body);
                }
                catch (XdrException)
                {
                    return RpcAuthStatus.BadCredential;
                }
                var cred = new Credential(sys.Uid, sys.Gid, sys.Gids);
                _last = new Entry(body.ToArray(), cred, sys.MachineName);
                call.Caller = cred;
                call.MachineName = sys.MachineName;
                return RpcAuthStatus.Ok;
            default:
                // RPCSEC_GSS and the obsolete flavors are not offered (SECINFO lists only AUTH_SYS and AUTH_NONE).
                return RpcAuthStatus.BadCredential;
        }
    }
}

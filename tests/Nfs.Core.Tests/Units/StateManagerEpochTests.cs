using Microsoft.Extensions.Logging.Abstractions;
using Nfs.Core.Nfs4;
using Nfs.Core.State;
using Nfs.Protocol.Nfs4;

namespace Nfs.Core.Tests.Units;

/// <summary>Client ids of one server instance must not be valid on the next one (RFC 7530 section 9.1.2 and 9.6.2: a restarted server answers STALE_CLIENTID).</summary>
public sealed class StateManagerEpochTests
{
    private static readonly ClientPrincipal P = new(1, 0, 0);
    private static readonly CallbackInfo K = new(0x40000000, new NetAddr4("tcp", "127.0.0.1.3.1"), 1);

    [Test]
    public void Instances_started_back_to_back_do_not_accept_each_others_client_ids()
    {
        for (int i = 0; i < 20; i++)
        {
            using var first = new StateManager(new Nfs4Options(), NullLogger<StateManager>.Instance);
            using var second = new StateManager(new Nfs4Options(), NullLogger<StateManager>.Instance);
            Assert.That(second.BootEpoch, Is.Not.EqualTo(first.BootEpoch));
            first.SetClientId("a"u8, 1, P, K, out ulong a, out ulong confirmA, out _);
            second.SetClientId("b"u8, 1, P, K, out ulong b, out _, out _);
            Assert.That(b, Is.Not.EqualTo(a));
            Assert.That(first.ConfirmClientId(a, confirmA, P), Is.EqualTo(NfsStat4.Ok));
            Assert.That(second.GetClient(a, out _), Is.EqualTo(NfsStat4.StaleClientid));
        }
    }

    [Test]
    public void Client_id_of_another_epoch_is_STALE_CLIENTID()
    {
        using var state = new StateManager(new Nfs4Options(), NullLogger<StateManager>.Instance);
        Assert.That(state.GetClient(((ulong)(state.BootEpoch - 1) << 32) | 1, out _), Is.EqualTo(NfsStat4.StaleClientid));
        Assert.That(state.Renew(((ulong)(state.BootEpoch + 1) << 32) | 1), Is.EqualTo(NfsStat4.StaleClientid));
    }
}

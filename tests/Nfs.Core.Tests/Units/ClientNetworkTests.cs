using System.Net;
using Nfs.Core.Exports;

namespace Nfs.Core.Tests.Units;

/// <summary>Parsing and matching of export client networks.</summary>
public sealed class ClientNetworkTests
{
    [TestCase("10.1.2.3", "10.1.2.3", true)]
    [TestCase("10.1.2.3", "10.1.2.4", false)]
    [TestCase("10.0.0.0/8", "10.255.0.1", true)]
    [TestCase("10.0.0.0/8", "11.0.0.1", false)]
    [TestCase("192.168.1.0/24", "192.168.1.255", true)]
    [TestCase("192.168.1.0/24", "192.168.2.0", false)]
    [TestCase("172.16.0.0/12", "172.31.255.255", true)]
    [TestCase("172.16.0.0/12", "172.32.0.0", false)]
    [TestCase("10.1.2.3/8", "10.9.9.9", true)]            // host bits in the network are ignored
    [TestCase("0.0.0.0/0", "203.0.113.9", true)]
    [TestCase("0.0.0.0/0", "::1", false)]                 // an IPv4 network never holds IPv6 addresses
    [TestCase("10.0.0.0/8", "::ffff:10.1.2.3", true)]     // v4-mapped client address
    [TestCase("::ffff:10.1.2.3", "10.1.2.3", true)]       // v4-mapped single address
    [TestCase("::1", "::1", true)]
    [TestCase("::1/128", "::2", false)]
    [TestCase("fd00::/8", "fd12:3456::1", true)]
    [TestCase("fd00::/8", "fe80::1", false)]
    [TestCase("2001:db8::/33", "2001:db8:7fff::1", true)]
    [TestCase("2001:db8::/33", "2001:db8:8000::1", false)]
    [TestCase("::/0", "2001:db8::1", true)]
    [TestCase("::/0", "127.0.0.1", false)]
    [TestCase("*", "127.0.0.1", true)]
    [TestCase("*", "::1", true)]
    [TestCase(" 10.0.0.0/8 ", "10.0.0.1", true)]
    public void Contains(string network, string address, bool expected)
    {
        Assert.That(ClientNetwork.Parse(network).Contains(IPAddress.Parse(address)), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("10.0.0.0/33")]
    [TestCase("10.0.0.0/-1")]
    [TestCase("10.0.0.0/")]
    [TestCase("10.0.0.0/8/8")]
    [TestCase("10.0.0.0/x")]
    [TestCase("::/129")]
    [TestCase("300.1.1.1")]
    [TestCase("10.0.0.0 /8x")]
    public void Bad_input_is_a_FormatException(string text)
    {
        Assert.That(() => ClientNetwork.Parse(text), Throws.InstanceOf<FormatException>());
    }

    [TestCase("10.0.0.0/8", "10.0.0.0/8")]
    [TestCase("10.1.2.3", "10.1.2.3/32")]
    [TestCase("*", "*")]
    [TestCase("::1", "::1/128")]
    public void ToString_shows_the_network(string text, string expected)
    {
        Assert.That(ClientNetwork.Parse(text).ToString(), Is.EqualTo(expected));
    }
}

using Microsoft.Extensions.Options;
using Nfs.Core.Identity;

namespace Nfs.Core.Tests.Units;

/// <summary>Owner strings: numeric, name and name@domain (RFC 7530 section 5.9).</summary>
public sealed class SystemIdMapperTests
{
    private static SystemIdMapper Mapper(bool useNames = false, string domain = "localdomain") =>
        new(Options.Create(new IdMappingOptions { UseNames = useNames, Domain = domain }));

    [TestCase("0", 0u)]
    [TestCase("1000", 1000u)]
    [TestCase("4294967295", uint.MaxValue)]
    [TestCase("1000@localdomain", 1000u)]
    [TestCase("1000@LocalDomain", 1000u)]
    [TestCase("root", 0u)]
    [TestCase("root@localdomain", 0u)]
    public void Parses_users(string text, uint expected)
    {
        Assert.That(Mapper().TryParseUser(text, out uint uid), Is.True);
        Assert.That(uid, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("-1")]
    [TestCase("+5")]
    [TestCase(" 1000")]
    [TestCase("4294967296")]
    [TestCase("1000@otherdomain")]
    [TestCase("1000@")]
    [TestCase("@localdomain")]
    [TestCase("root@otherdomain")]
    [TestCase("no_such_user_zz_9")]
    [TestCase("no_such_user_zz_9@localdomain")]
    public void Refuses_users(string text)
    {
        Assert.That(Mapper().TryParseUser(text, out _), Is.False);
    }

    [TestCase("0", 0u)]
    [TestCase("2000@localdomain", 2000u)]
    [TestCase("root", 0u)]
    public void Parses_groups(string text, uint expected)
    {
        Assert.That(Mapper().TryParseGroup(text, out uint gid), Is.True);
        Assert.That(gid, Is.EqualTo(expected));
    }

    [TestCase("no_such_group_zz_9")]
    [TestCase("5@elsewhere")]
    public void Refuses_groups(string text)
    {
        Assert.That(Mapper().TryParseGroup(text, out _), Is.False);
    }

    [Test]
    public void Custom_domain_is_the_one_accepted()
    {
        var mapper = Mapper(domain: "example.org");
        Assert.That(mapper.TryParseUser("7@example.org", out uint uid), Is.True);
        Assert.That(uid, Is.EqualTo(7u));
        Assert.That(mapper.TryParseUser("7@localdomain", out _), Is.False);
    }

    [Test]
    public void Without_names_ids_are_sent_as_numbers()
    {
        var mapper = Mapper();
        Assert.That(mapper.UserToString(0), Is.EqualTo("0"));
        Assert.That(mapper.UserToString(1000), Is.EqualTo("1000"));
        Assert.That(mapper.GroupToString(0), Is.EqualTo("0"));
    }

    [Test]
    public void With_names_ids_are_sent_as_name_at_domain_when_they_have_a_name()
    {
        var mapper = Mapper(useNames: true, domain: "example.org");
        Assert.That(mapper.UserToString(0), Is.EqualTo("root@example.org"));
        Assert.That(mapper.GroupToString(0), Is.EqualTo("root@example.org"));
        Assert.That(mapper.UserToString(3_999_999), Is.EqualTo("3999999"), "an id without a name stays numeric");
    }

    [Test]
    public void Strings_it_sends_parse_back_to_the_same_id()
    {
        var mapper = Mapper(useNames: true);
        foreach (uint id in new uint[] { 0, 3_999_999 })
        {
            Assert.That(mapper.TryParseUser(mapper.UserToString(id), out uint back), Is.True);
            Assert.That(back, Is.EqualTo(id));
        }
    }
}

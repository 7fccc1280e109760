using NUnit.Framework;

namespace Fsal.Memory.Tests;

public sealed class MemoryFsalOptionsTests
{
    [Test]
    public void Defaults_are_4_GiB_and_ten_million_objects_with_an_open_root()
    {
        var options = new MemoryFsalOptions();
        Assert.That(options.MaxTotalBytes, Is.EqualTo(4L << 30));
        Assert.That(options.MaxObjects, Is.EqualTo(10_000_000));
        Assert.That(options.RootMode, Is.EqualTo(0x1FFu));
        Assert.That(options.RootUid, Is.Zero);
        Assert.That(options.RootGid, Is.Zero);
        Assert.DoesNotThrow(options.Validate);
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    public void Non_positive_byte_limit_is_rejected(long bytes)
    {
        var options = new MemoryFsalOptions { MaxTotalBytes = bytes };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(error!.ParamName, Is.EqualTo(nameof(MemoryFsalOptions.MaxTotalBytes)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryFileSystem(options));
    }

    [TestCase(0L)]
    [TestCase(-5L)]
    public void Object_limit_below_one_is_rejected(long objects)
    {
        var options = new MemoryFsalOptions { MaxObjects = objects };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(error!.ParamName, Is.EqualTo(nameof(MemoryFsalOptions.MaxObjects)));
    }

    [Test]
    public void Root_mode_beyond_twelve_bits_is_rejected()
    {
        var options = new MemoryFsalOptions { RootMode = 0x1000 };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(error!.ParamName, Is.EqualTo(nameof(MemoryFsalOptions.RootMode)));
    }

    [Test]
    public void Smallest_valid_limits_are_accepted()
    {
        var options = new MemoryFsalOptions { MaxTotalBytes = 1, MaxObjects = 1, RootMode = 0xFFF };
        Assert.DoesNotThrow(options.Validate);
        Assert.That(new MemoryFileSystem(options).ObjectCount, Is.EqualTo(1));
    }
}

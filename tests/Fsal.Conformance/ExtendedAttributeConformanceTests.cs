using Nfs.Core.Fsal;
using NUnit.Framework;

namespace Fsal.Conformance;

/// <summary>
/// User extended attributes (<see cref="IExtendedAttributes"/>). Ignored for backends that do not
/// implement the interface.
/// </summary>
public abstract class ExtendedAttributeConformanceTests : FileSystemConformanceBase
{
    /// <summary>The filesystem's extended attribute interface.</summary>
    protected IExtendedAttributes Xattrs =>
        Fs as IExtendedAttributes ?? throw new InvalidOperationException("The backend does not implement IExtendedAttributes.");

    /// <summary>A value length the backend refuses as too big; 1 MiB + 1 by default (Linux allows 64 KiB).</summary>
    protected virtual int OversizedXattrValueLength => 1024 * 1024 + 1;

    /// <summary>Ignores the fixture's tests when the backend has no extended attributes.</summary>
    [SetUp]
    public void RequireExtendedAttributes()
    {
        if (Fs is not IExtendedAttributes) Assert.Ignore("The backend does not implement IExtendedAttributes.");
    }

    private Task<FsalStatus> SetAsync(FsalObject obj, string name, byte[] value, XattrSetMode mode = XattrSetMode.Either, FsalContext? ctx = null) =>
        Xattrs.SetXattrAsync(ctx ?? RootContext, obj, name, value, mode).AsTask();

    private async Task<FsalResult<byte[]>> GetAsync(FsalObject obj, string name, FsalContext? ctx = null) =>
        await Xattrs.GetXattrAsync(ctx ?? RootContext, obj, name);

    /// <summary>Values round-trip exactly, including zero bytes and the empty value.</summary>
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(100)]
    [TestCase(4000)]
    public async Task Value_round_trips(int length)
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        byte[] value = Pattern(length);
        if (length > 2) value[1] = 0;
        Ok(await SetAsync(file, "attr", value));
        Assert.That(Ok(await GetAsync(file, "attr")), Is.EqualTo(value));
    }

    /// <summary>Listing returns every name once; removal takes a name out.</summary>
    [Test]
    public async Task List_and_remove()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        foreach (string name in new[] { "one", "two", "three" }) Ok(await SetAsync(file, name, Pattern(3)));
        Assert.That(Ok(await Xattrs.ListXattrsAsync(RootContext, file)), Is.EquivalentTo(new[] { "one", "two", "three" }));
        Ok(await Xattrs.RemoveXattrAsync(RootContext, file, "two"));
        Assert.That(Ok(await Xattrs.ListXattrsAsync(RootContext, file)), Is.EquivalentTo(new[] { "one", "three" }));
        Assert.That((await GetAsync(file, "two")).Status, Is.EqualTo(FsalStatus.NoXattr));
    }

    /// <summary>A new object has no attributes.</summary>
    [Test]
    public async Task New_object_has_no_attributes()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That(Ok(await Xattrs.ListXattrsAsync(RootContext, file)), Is.Empty);
    }

    /// <summary>Create mode refuses an existing name (Exists); replace mode refuses a missing one (NoXattr); either does both.</summary>
    [Test]
    public async Task Set_modes()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That(await SetAsync(file, "a", [1], XattrSetMode.Replace), Is.EqualTo(FsalStatus.NoXattr));
        Ok(await SetAsync(file, "a", [1], XattrSetMode.Create));
        Assert.That(await SetAsync(file, "a", [2], XattrSetMode.Create), Is.EqualTo(FsalStatus.Exists));
        Assert.That(Ok(await GetAsync(file, "a")), Is.EqualTo(new byte[] { 1 }));
        Ok(await SetAsync(file, "a", [3], XattrSetMode.Replace));
        Ok(await SetAsync(file, "a", [4, 4], XattrSetMode.Either));
        Assert.That(Ok(await GetAsync(file, "a")), Is.EqualTo(new byte[] { 4, 4 }));
    }

    /// <summary>Reading or removing a missing attribute is NoXattr.</summary>
    [Test]
    public async Task Missing_attribute_is_no_xattr()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Assert.That((await GetAsync(file, "absent")).Status, Is.EqualTo(FsalStatus.NoXattr));
        Assert.That(await Xattrs.RemoveXattrAsync(RootContext, file, "absent"), Is.EqualTo(FsalStatus.NoXattr));
    }

    /// <summary>A value larger than the backend stores is XattrTooBig, and nothing is stored.</summary>
    [Test]
    public async Task Oversized_value_is_xattr_too_big()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        FsalStatus status = await SetAsync(file, "huge", new byte[OversizedXattrValueLength]);
        Assert.That(status, Is.EqualTo(FsalStatus.XattrTooBig));
        Assert.That((await GetAsync(file, "huge")).Status, Is.EqualTo(FsalStatus.NoXattr));
    }

    /// <summary>Attributes belong to one object; directories have them too.</summary>
    [Test]
    public async Task Attributes_are_per_object()
    {
        FsalObject a = await CreateFileAsync(Root, "a");
        FsalObject b = await CreateFileAsync(Root, "b");
        FsalObject dir = await MakeDirectoryAsync(Root, "d");
        Ok(await SetAsync(a, "x", [1]));
        Ok(await SetAsync(dir, "x", [2]));
        Assert.That((await GetAsync(b, "x")).Status, Is.EqualTo(FsalStatus.NoXattr));
        Assert.That(Ok(await GetAsync(dir, "x")), Is.EqualTo(new byte[] { 2 }));
        Assert.That(Ok(await GetAsync(a, "x")), Is.EqualTo(new byte[] { 1 }));
    }

    /// <summary>The value returned is a copy: changing it does not change the stored attribute.</summary>
    [Test]
    public async Task Returned_value_is_a_copy()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        Ok(await SetAsync(file, "a", [1, 2, 3]));
        byte[] value = Ok(await GetAsync(file, "a"));
        value[0] = 99;
        Assert.That(Ok(await GetAsync(file, "a")), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    /// <summary>Setting an attribute is a metadata change of the object.</summary>
    [Test]
    public async Task Set_changes_the_change_attribute()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        ulong before = await ChangeAsync(file);
        Ok(await SetAsync(file, "a", [1]));
        ulong afterSet = await ChangeAsync(file);
        Ok(await Xattrs.RemoveXattrAsync(RootContext, file, "a"));
        Assert.That(afterSet, Is.GreaterThan(before));
        Assert.That(await ChangeAsync(file), Is.GreaterThan(afterSet));
    }

    /// <summary>An overlong attribute name is refused.</summary>
    [Test]
    public async Task Overlong_name_is_refused()
    {
        FsalObject file = await CreateFileAsync(Root, "f");
        FsalStatus status = await SetAsync(file, new string('x', 256), [1]);
        Assert.That(status, Is.AnyOf(FsalStatus.NameTooLong, FsalStatus.Invalid));
    }

    /// <summary>Reading needs read permission; writing needs write permission or ownership.</summary>
    [Test]
    public async Task Permissions_apply()
    {
        RequirePermissions();
        FsalObject shared = await SharedDirectoryAsync();
        FsalObject file = await CreateFileAsync(shared, "f", FileMode, Alice);
        Ok(await SetAsync(file, "a", [1], ctx: Alice));
        Assert.That(Ok(await GetAsync(file, "a", Bob)), Is.EqualTo(new byte[] { 1 }));
        Assert.That(await SetAsync(file, "b", [1], ctx: Bob), Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That(await Xattrs.RemoveXattrAsync(Bob, file, "a"), Is.EqualTo(FsalStatus.AccessDenied));
        await SetAttributesAsync(file, new FsalSetAttributes { Set = FsalAttrMask.Mode, Mode = 0x180 }, Alice);
        Assert.That((await GetAsync(file, "a", Bob)).Status, Is.EqualTo(FsalStatus.AccessDenied));
        Assert.That((await Xattrs.ListXattrsAsync(Bob, file)).Status, Is.EqualTo(FsalStatus.AccessDenied));
    }
}

namespace Nfs.Core.Fsal;

/// <summary>
/// A value or an error status, returned by backends instead of throwing: errors such as a
/// missing name are routine in NFS traffic and must stay cheap.
/// </summary>
public readonly struct FsalResult<T>
{
    private readonly T _value;

    /// <summary>Creates a successful result.</summary>
    public FsalResult(T value)
    {
        _value = value;
        Status = FsalStatus.Ok;
    }

    private FsalResult(FsalStatus status)
    {
        _value = default!;
        Status = status;
    }

    /// <summary>The status; <see cref="FsalStatus.Ok"/> when <see cref="Value"/> is valid.</summary>
    public FsalStatus Status { get; }

    /// <summary>True on success.</summary>
    public bool IsOk => Status == FsalStatus.Ok;

    /// <summary>The value; reading it after a failure throws.</summary>
    public T Value => Status == FsalStatus.Ok ? _value : throw new InvalidOperationException($"FSAL result is {Status}");

    /// <summary>A failed result.</summary>
    public static FsalResult<T> Fail(FsalStatus status)
    {
        if (status == FsalStatus.Ok) throw new ArgumentException("a failure needs a non-Ok status", nameof(status));
        return new FsalResult<T>(status);
    }

    /// <summary>Wraps a value.</summary>
    public static implicit operator FsalResult<T>(T value) => new(value);

    /// <summary>Wraps a failure status.</summary>
    public static implicit operator FsalResult<T>(FsalStatus status) => Fail(status);

    /// <inheritdoc/>
    public override string ToString() => IsOk ? $"Ok({_value})" : Status.ToString();
}

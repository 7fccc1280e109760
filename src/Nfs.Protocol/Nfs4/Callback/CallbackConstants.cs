namespace Nfs.Protocol.Nfs4.Callback;

/// <summary>The NFSv4 callback program (RFC 7530 section 17, RFC 8881 section 20).</summary>
public static class CallbackConstants
{
    /// <summary>Callback program version.</summary>
    public const uint Version = 1;
    /// <summary>CB_NULL.</summary>
    public const uint ProcNull = 0;
    /// <summary>CB_COMPOUND.</summary>
    public const uint ProcCompound = 1;
}

/// <summary>nfs_cb_opnum4.</summary>
public enum CallbackOp
{
    /// <summary>CB_GETATTR.</summary>
    GetAttr = 3,
    /// <summary>CB_RECALL.</summary>
    Recall = 4,
    /// <summary>CB_LAYOUTRECALL.</summary>
    LayoutRecall = 5,
    /// <summary>CB_NOTIFY.</summary>
    Notify = 6,
    /// <summary>CB_PUSH_DELEG.</summary>
    PushDeleg = 7,
    /// <summary>CB_RECALL_ANY.</summary>
    RecallAny = 8,
    /// <summary>CB_RECALLABLE_OBJ_AVAIL.</summary>
    RecallableObjAvail = 9,
    /// <summary>CB_RECALL_SLOT.</summary>
    RecallSlot = 10,
    /// <summary>CB_SEQUENCE.</summary>
    Sequence = 11,
    /// <summary>CB_WANTS_CANCELLED.</summary>
    WantsCancelled = 12,
    /// <summary>CB_NOTIFY_LOCK.</summary>
    NotifyLock = 13,
    /// <summary>CB_NOTIFY_DEVICEID.</summary>
    NotifyDeviceId = 14,
    /// <summary>CB_OFFLOAD.</summary>
    Offload = 15,
    /// <summary>CB_ILLEGAL.</summary>
    Illegal = 10044,
}

namespace Nfs.Protocol.Nlm;

/// <summary>
/// The Network Lock Manager program (X/Open XNFS, "Protocols for X/Open PC Interworking",
/// chapter 10, and RFC 1813 appendix II for version 4, the 64-bit version NFSv3 clients use).
/// </summary>
public static class NlmConstants
{
    /// <summary>NLM_PROG.</summary>
    public const uint Program = 100021;

    /// <summary>NLM4_VERS: 64-bit offsets and lengths. Versions 1 to 3 carry 32-bit ones.</summary>
    public const uint Version4 = 4;

    /// <summary>LM_MAXSTRLEN: the longest caller_name.</summary>
    public const int MaxCallerName = 1024;

    /// <summary>MAXNETOBJ_SZ: the longest cookie or owner handle (oh) accepted.</summary>
    public const int MaxNetObj = 1024;

    /// <summary>The longest filehandle accepted (NFSv3's FHSIZE3).</summary>
    public const int MaxFileHandle = 64;
}

/// <summary>NLM version 4 procedure numbers (the same numbers as versions 1 and 3).</summary>
public enum NlmProcedure : uint
{
    /// <summary>NLMPROC4_NULL.</summary>
    Null = 0,
    /// <summary>NLMPROC4_TEST: would a lock be granted? Returns the holder when not.</summary>
    Test = 1,
    /// <summary>NLMPROC4_LOCK.</summary>
    Lock = 2,
    /// <summary>NLMPROC4_CANCEL: withdraws a blocked lock request.</summary>
    Cancel = 3,
    /// <summary>NLMPROC4_UNLOCK.</summary>
    Unlock = 4,
    /// <summary>NLMPROC4_GRANTED: server to client, a blocked lock was granted.</summary>
    Granted = 5,
    /// <summary>NLMPROC4_TEST_MSG: TEST whose result comes back as a TEST_RES call.</summary>
    TestMsg = 6,
    /// <summary>NLMPROC4_LOCK_MSG.</summary>
    LockMsg = 7,
    /// <summary>NLMPROC4_CANCEL_MSG.</summary>
    CancelMsg = 8,
    /// <summary>NLMPROC4_UNLOCK_MSG.</summary>
    UnlockMsg = 9,
    /// <summary>NLMPROC4_GRANTED_MSG.</summary>
    GrantedMsg = 10,
    /// <summary>NLMPROC4_TEST_RES.</summary>
    TestRes = 11,
    /// <summary>NLMPROC4_LOCK_RES.</summary>
    LockRes = 12,
    /// <summary>NLMPROC4_CANCEL_RES.</summary>
    CancelRes = 13,
    /// <summary>NLMPROC4_UNLOCK_RES.</summary>
    UnlockRes = 14,
    /// <summary>NLMPROC4_GRANTED_RES: the client's answer to a GRANTED_MSG.</summary>
    GrantedRes = 15,
    /// <summary>NLMPROC4_SHARE: a DOS share reservation.</summary>
    Share = 20,
    /// <summary>NLMPROC4_UNSHARE.</summary>
    Unshare = 21,
    /// <summary>NLMPROC4_NM_LOCK: a lock the server does not monitor the client for (no NSM).</summary>
    NmLock = 22,
    /// <summary>NLMPROC4_FREE_ALL: releases every lock and share of a host.</summary>
    FreeAll = 23,
}

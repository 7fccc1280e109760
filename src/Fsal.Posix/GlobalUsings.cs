// The backend's errno map is the shared one of Nfs.Core.
global using Errno = Nfs.Core.Fsal.Support.LinuxErrno;

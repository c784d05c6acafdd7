using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CrewChief.Native.Posix;

/// <summary>What kind of thing a path names. .NET only tells files from folders; a FIFO or a device opened as a
/// file blocks for ever or reads endless zeros, so inputs are checked before they are opened.</summary>
public enum FileKind { Missing, Regular, Directory, Fifo, CharDevice, BlockDevice, Socket, Other }

/// <summary>Type, identity (device + inode) and size of a file, as the kernel reports them.</summary>
public readonly record struct FileStatusInfo(FileKind Kind, ulong Device, ulong Inode, long Size);

/// <summary>
/// statx(2) on Linux: the one call whose struct layout is the same on every architecture (struct stat is not), so
/// one blittable buffer serves x64 and arm64. Elsewhere <see cref="IsSupported"/> is false and callers fall back to
/// what .NET offers (file vs folder).
/// </summary>
public static unsafe partial class FileStatus
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    /// <summary>sizeof(struct statx).</summary>
    private const int StatxSize = 256;

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Status of <paramref name="path"/> (symlinks followed); Missing when it does not exist; false when unsupported or failed otherwise.</summary>
    public static bool TryGet(string path, out FileStatusInfo info)
    {
        info = default;
        if (!IsSupported) return false;
        byte* buf = stackalloc byte[StatxSize];
        int rc;
        try { rc = Interop.statx(AtFdCwd, path, 0, StatxBasicStats, buf); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; } // musl, old glibc
        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is 2 or 20) { info = new FileStatusInfo(FileKind.Missing, 0, 0, 0); return true; } // ENOENT, ENOTDIR
            return false;
        }
        info = Decode(buf);
        return true;
    }

    /// <summary>Status of an open file (the file it was opened as, even if its path now names another).</summary>
    public static bool TryGet(SafeFileHandle handle, out FileStatusInfo info)
    {
        info = default;
        if (!IsSupported || handle.IsInvalid || handle.IsClosed) return false;
        byte* buf = stackalloc byte[StatxSize];
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            int fd = (int)handle.DangerousGetHandle();
            if (Interop.statx(fd, "", AtEmptyPath, StatxBasicStats, buf) != 0) return false;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
        info = Decode(buf);
        return true;
    }

    private static FileStatusInfo Decode(byte* buf)
    {
        var s = new ReadOnlySpan<byte>(buf, StatxSize);
        int mode = BinaryPrimitives.ReadUInt16LittleEndian(s[0x1C..]);
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(s[0x20..]);
        long size = (long)BinaryPrimitives.ReadUInt64LittleEndian(s[0x28..]);
        ulong device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(s[0x88..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(s[0x8C..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileStatusInfo(kind, device, inode, size);
    }

    private static partial class Interop
    {
        // glibc 2.28+ (Debian 10+) exports statx; the file name is versioned because "libc.so" is a linker script.
        [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
    }
}

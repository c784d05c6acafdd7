using Microsoft.Win32.SafeHandles;

namespace CrewChief.Telemetry;

/// <summary>
/// An .ibt file (or a live-map dump) read with positioned reads, never mapped: a file cut short or rewritten while it
/// is replayed (a copy still in flight, `cp` over it, a full disk) then gives a short read, which becomes one line,
/// where a mapped view would take SIGBUS on the missing pages. The head (header, disk sub-header, variable table and
/// session YAML, everything before record 0) is read once; each record is read into the caller's buffer.
/// </summary>
public sealed class IbtFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    /// <summary>The file's bytes from 0 up to the first record (an .ibt) or the whole file (a live dump).</summary>
    public byte[] Head { get; }
    /// <summary>Length of the file when it was opened; the layout's record count comes from it.</summary>
    public long Length { get; }
    public string Path { get; }
    public IrsdkLayout Layout { get; }

    private IbtFile(SafeFileHandle handle, string path, long length, byte[] head, IrsdkLayout layout)
    {
        _handle = handle; Path = path; Length = length; Head = head; Layout = layout;
    }

    /// <summary>Opens <paramref name="path"/> and reads its head; missing, empty, damaged or non-regular files are bad input.</summary>
    public static IbtFile Open(string path)
    {
        // A FIFO would block the open for ever and a device reads endlessly: refuse both before opening.
        InputFiles.RequireRegularFile(path);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException) { throw InputException.ForFile(path, "file not found; check the path"); }
        catch (DirectoryNotFoundException) { throw InputException.ForFile(path, "folder not found; check the path"); }
        catch (UnauthorizedAccessException) { throw InputException.ForFile(path, "cannot be read (access denied, or it is a folder)"); }
        catch (IOException e) { throw InputException.ForFile(path, $"cannot be opened: {e.Message}"); }
        try
        {
            long length = RandomAccess.GetLength(handle);
            if (length == 0) throw InputException.ForFile(path, "file is empty: not iRacing telemetry (was the recording cut off?)");
            // The header is checked against the whole file's length before its offsets decide how much to read.
            var first = new byte[(int)Math.Min(length, IrsdkHeader.Size + DiskSubHeader.Size)];
            if (ReadFully(handle, first, 0) < first.Length) throw Shrunk(path);
            if (!IrsdkHeader.TryParse(first, length, out var header, out string? problem))
                throw InputException.ForFile(path, problem ?? "not iRacing telemetry");
            long headLength = Math.Min(length, HeadLength(header));
            if (headLength > int.MaxValue) throw InputException.ForFile(path, "its header regions are larger than 2 GiB: the file is damaged");
            var head = first.Length == headLength ? first : new byte[headLength];
            if (head != first && ReadFully(handle, head, 0) < head.Length) throw Shrunk(path);
            var layout = IrsdkLayout.TryDescribe(head, length, out problem) ?? throw InputException.ForFile(path, problem ?? "not iRacing telemetry");
            return new IbtFile(handle, path, length, head, layout);
        }
        catch (IOException e)
        {
            handle.Dispose();
            throw InputException.ForFile(path, $"cannot be read: {e.Message}");
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Bytes before record 0 that the layout reads: the variable table, the YAML and the disk sub-header. A live
    /// dump has no records, so it is read whole (a few MB at most).
    /// </summary>
    private static long HeadLength(in IrsdkHeader h)
    {
        long end = Math.Max((long)h.VarHeaderOffset + (long)h.VarCount * VarHeader.Size, (long)h.SessionInfoOffset + h.SessionInfoLength);
        end = Math.Max(end, IrsdkHeader.Size + DiskSubHeader.Size);
        bool live = h.SessionInfoOffset < IrsdkHeader.Size + DiskSubHeader.Size || h.VarHeaderOffset < IrsdkHeader.Size + DiskSubHeader.Size;
        return live ? long.MaxValue : Math.Max(end, h.BufferOffset(0));
    }

    /// <summary>
    /// Reads record <paramref name="index"/> into <paramref name="destination"/> (bufLen bytes); false when the file
    /// no longer holds it (cut short since it was opened). No allocation: one pread per record.
    /// </summary>
    public bool TryReadRecord(int index, Span<byte> destination)
    {
        long offset = Layout.FirstRecordOffset + (long)index * Layout.Header.BufferLength;
        return ReadFully(_handle, destination[..Layout.Header.BufferLength], offset) == Layout.Header.BufferLength;
    }

    /// <summary>The file's length now (it may have been cut short or rewritten since it was opened).</summary>
    public long CurrentLength()
    {
        try { return RandomAccess.GetLength(_handle); }
        catch (IOException) { return 0; }
    }

    /// <summary>The one line for a file that lost bytes while it was read.</summary>
    public InputException Shrunk() => Shrunk(Path, CurrentLength(), Length);

    private static InputException Shrunk(string path, long now = -1, long was = -1) => InputException.ForFile(path,
        was > 0
            ? $"was cut short while it was read ({now} of {was} bytes left): another program truncated or rewrote it; replay a finished copy"
            : "was cut short while it was read: another program truncated or rewrote it; replay a finished copy");

    private static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    public void Dispose() => _handle.Dispose();
}

using CrewChief.Native.Posix;
using Microsoft.Win32.SafeHandles;

namespace CrewChief.Telemetry;

/// <summary>
/// A file with the live irsdk layout (a dump, the demo's map, a test's map), read with positioned reads instead of
/// a memory mapping. Another process may truncate, overwrite (<c>cp</c>), delete or re-create the file at any
/// moment; a mapped view of it would then raise SIGBUS on the next touch of a page past the new end, which kills
/// the process and no handler can catch. A read just comes back short. Reads of a few KB per tick are page-cache
/// copies, the same cost as copying out of a view.
/// </summary>
internal sealed class LiveFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    /// <summary>Identity of the file when opened: device + inode on Linux, creation time elsewhere.</summary>
    private readonly FileStatusInfo _identity;
    private readonly DateTime _created;

    public string Path { get; }

    private LiveFile(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
        FileStatus.TryGet(handle, out _identity);
        try { _created = File.GetCreationTimeUtc(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _created = default; }
    }

    /// <summary>Opens <paramref name="path"/>; anything but a readable regular file is an <see cref="InputException"/>.</summary>
    public static LiveFile Open(string path)
    {
        InputFiles.RequireRegularFile(path);
        try
        {
            return new LiveFile(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (FileNotFoundException) { throw InputException.ForFile(path, "file not found; check the path"); }
        catch (DirectoryNotFoundException) { throw InputException.ForFile(path, "folder not found; check the path"); }
        catch (UnauthorizedAccessException) { throw InputException.ForFile(path, "cannot be read (access denied)"); }
        catch (IOException e) { throw InputException.ForFile(path, $"cannot be opened: {e.Message}"); }
    }

    /// <summary>Opens the file if it is there and regular, else null (waiting for a re-created map).</summary>
    public static LiveFile? TryOpen(string path)
    {
        try { return Open(path); }
        catch (InputException) { return null; }
    }

    /// <summary>Current size in bytes, or −1 when it cannot be read.</summary>
    public long Length
    {
        get
        {
            try { return RandomAccess.GetLength(_handle); }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { return -1; }
        }
    }

    /// <summary>Reads at most <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; fewer at the end of the file.</summary>
    public int Read(long offset, Span<byte> destination)
    {
        int total = 0;
        try
        {
            while (total < destination.Length)
            {
                int n = RandomAccess.Read(_handle, destination[total..], offset + total);
                if (n <= 0) break;
                total += n;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException) { }
        return total;
    }

    /// <summary>The whole file as it is now (layout changes and re-opens only: allocates).</summary>
    public byte[] ReadAll()
    {
        long length = Length;
        if (length <= 0 || length > int.MaxValue) return [];
        var data = new byte[length];
        int n = Read(0, data);
        return n == data.Length ? data : data[..n];
    }

    /// <summary>
    /// False when the path now names another file than the one open (deleted and re-created, or renamed over), or
    /// nothing. A <c>cp</c> over the file keeps its identity and is seen by the reads themselves.
    /// </summary>
    public bool StillAtPath()
    {
        if (FileStatus.TryGet(Path, out var now))
        {
            if (now.Kind != FileKind.Regular) return false;
            return _identity.Inode == 0 || (now.Inode == _identity.Inode && now.Device == _identity.Device);
        }
        try { return File.Exists(Path) && (_created == default || File.GetCreationTimeUtc(Path) == _created); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public void Dispose() => _handle.Dispose();
}

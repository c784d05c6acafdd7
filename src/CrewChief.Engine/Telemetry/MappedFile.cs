using System.IO.MemoryMappedFiles;
using System.Runtime.Versioning;

namespace CrewChief.Telemetry;

/// <summary>
/// A read-only view of a file or of a named Windows mapping, exposed as spans. Owns the mapping, the view and the
/// acquired pointer; every span handed out is only valid until <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _pointer;

    /// <summary>Bytes that can be read through <see cref="Span"/>.</summary>
    public int Length { get; }

    private MappedFile(MemoryMappedFile map, MemoryMappedViewAccessor view, long length)
    {
        _map = map;
        _view = view;
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + view.PointerOffset;
        Length = (int)Math.Min(length, int.MaxValue);
    }

    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return new ReadOnlySpan<byte>(_pointer, Length);
        }
    }

    /// <summary>Maps <paramref name="path"/> read-only; missing, empty, unreadable or huge files are bad input.</summary>
    public static MappedFile OpenFile(string path)
    {
        // A FIFO would block the open for ever and a device reads endlessly: refuse both before opening.
        InputFiles.RequireRegularFile(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException) { throw InputException.ForFile(path, "file not found; check the path"); }
        catch (DirectoryNotFoundException) { throw InputException.ForFile(path, "folder not found; check the path"); }
        catch (UnauthorizedAccessException) { throw InputException.ForFile(path, "cannot be read (access denied, or it is a folder)"); }
        catch (IOException e) { throw InputException.ForFile(path, $"cannot be opened: {e.Message}"); }

        long length = stream.Length;
        if (length == 0)
        {
            stream.Dispose();
            throw InputException.ForFile(path, "file is empty: not iRacing telemetry (was the recording cut off?)");
        }
        if (length > int.MaxValue)
        {
            stream.Dispose();
            throw InputException.ForFile(path, "file is larger than 2 GiB, more than this reader supports");
        }
        try
        {
            var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MappedFile(map, view, length);
        }
        catch (IOException e)
        {
            stream.Dispose();
            throw InputException.ForFile(path, $"cannot be mapped: {e.Message}");
        }
    }

    /// <summary>Opens iRacing's named map, or returns null when the sim is not running.</summary>
    [SupportedOSPlatform("windows")]
    public static MappedFile? TryOpenNamed(string name)
    {
        MemoryMappedFile map;
        try
        {
            map = MemoryMappedFile.OpenExisting(name, MemoryMappedFileRights.Read);
        }
        catch (FileNotFoundException) { return null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        try
        {
            var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new MappedFile(map, view, view.Capacity);
        }
        catch (IOException)
        {
            map.Dispose();
            return null;
        }
    }

    public void Dispose()
    {
        if (_pointer == null) return;
        _pointer = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}

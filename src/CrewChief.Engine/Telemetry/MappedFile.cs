using System.IO.MemoryMappedFiles;
using System.Runtime.Versioning;

namespace CrewChief.Telemetry;

/// <summary>
/// A read-only view of iRacing's named Windows mapping, exposed as spans (files are read with positioned reads:
/// <see cref="IbtFile"/>, <see cref="LiveFile"/>, so a file cut short can never fault a mapped page). Owns the mapping, the view and the
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

using System.IO.MemoryMappedFiles;
using System.Runtime.Versioning;
using CrewChief.Native.Memory;

namespace CrewChief.Telemetry;

/// <summary>
/// A read-only view of iRacing's named Windows mapping, exposed as spans (files are read with positioned reads:
/// <see cref="IbtFile"/>, <see cref="LiveFile"/>, so a file cut short can never fault a mapped page). Owns the mapping, the view and the
/// region over it (the acquired pointer lives in <see cref="MappedRegion"/>, in the interop corner); every span
/// handed out is only valid until <see cref="Dispose"/>.
/// </summary>
internal sealed class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly MappedRegion _region;
    private bool _disposed;

    /// <summary>Bytes that can be read through <see cref="Span"/>.</summary>
    public int Length { get; }

    private MappedFile(MemoryMappedFile map, MemoryMappedViewAccessor view, long length)
    {
        _map = map;
        _view = view;
        Length = (int)Math.Min(length, int.MaxValue);
        _region = MappedRegion.Acquire(view, Length);
    }

    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _region.ReadOnlySlice(0, Length);
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
        if (_disposed) return;
        _disposed = true;
        _region.Dispose();
        _view.Dispose();
        _map.Dispose();
    }
}

using System.Diagnostics.CodeAnalysis;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CrewChief.Native.Memory;

/// <summary>
/// Memory outside the GC heap, handed out as bounds-checked spans: a memory-mapped view (a file-backed map or
/// iRacing's named Windows mapping) or a zeroed native allocation that stands in for one (tests, benchmarks). Owns
/// the acquired pointer (the view's reference, or the allocation) and lets go of it on <see cref="Dispose"/>; the
/// caller keeps owning the view and the map, and disposes them after this. Every span is valid only until then.
/// The few atomic int32 operations the irsdk layout needs (status, sessionInfoUpdate, the buffers' tickCount)
/// are here too, so nothing above the interop corner takes a pointer.
/// </summary>
public sealed unsafe class MappedRegion : IDisposable
{
    /// <summary>The view whose pointer was acquired; null for a native allocation (freed instead).</summary>
    private readonly SafeMemoryMappedViewHandle? _view;
    /// <summary>Start of the region; null once disposed.</summary>
    private byte* _pointer;

    private MappedRegion(SafeMemoryMappedViewHandle? view, byte* pointer, long length, bool canWrite)
    {
        _view = view;
        _pointer = pointer;
        Length = length;
        CanWrite = canWrite;
    }

    /// <summary>Bytes in the region.</summary>
    public long Length { get; }

    /// <summary>False for a read-only view: <see cref="Slice"/> and the writes refuse it rather than fault on a
    /// read-only page.</summary>
    public bool CanWrite { get; }

    /// <summary>The first <paramref name="length"/> bytes of <paramref name="view"/> (at most its capacity).</summary>
    public static MappedRegion Acquire(MemoryMappedViewAccessor view, long length)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, view.Capacity);
        SafeMemoryMappedViewHandle handle = view.SafeMemoryMappedViewHandle;
        byte* p = null;
        handle.AcquirePointer(ref p);
        // The view starts at the page below the requested offset; PointerOffset is how far into it the data starts.
        return new MappedRegion(handle, p + view.PointerOffset, length, view.CanWrite);
    }

    /// <summary>A zeroed native allocation of <paramref name="length"/> bytes, freed on <see cref="Dispose"/>.</summary>
    public static MappedRegion AllocateZeroed(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return new MappedRegion(null, (byte*)NativeMemory.AllocZeroed((nuint)length), length, canWrite: true);
    }

    /// <summary><paramref name="length"/> writable bytes from <paramref name="offset"/>.</summary>
    public Span<byte> Slice(long offset, int length)
    {
        if (!CanWrite) ThrowReadOnly();
        return new Span<byte>(At(offset, length), length);
    }

    /// <summary><paramref name="length"/> bytes from <paramref name="offset"/>, for reading.</summary>
    public ReadOnlySpan<byte> ReadOnlySlice(long offset, int length) => new(At(offset, length), length);

    /// <summary>Reads the int32 at <paramref name="offset"/> with acquire semantics (no later read moves before it).</summary>
    public int VolatileReadInt32(long offset) => Volatile.Read(ref *Int32At(offset));

    /// <summary>Writes the int32 at <paramref name="offset"/> with release semantics: every earlier write to the
    /// region is visible to a reader (in any process) that sees this value.</summary>
    public void VolatileWriteInt32(long offset, int value)
    {
        if (!CanWrite) ThrowReadOnly();
        Volatile.Write(ref *Int32At(offset), value);
    }

    /// <summary>Swaps the int32 at <paramref name="offset"/> atomically with a full fence; returns the old value.</summary>
    public int InterlockedExchangeInt32(long offset, int value)
    {
        if (!CanWrite) ThrowReadOnly();
        return Interlocked.Exchange(ref *Int32At(offset), value);
    }

    private byte* At(long offset, int length)
    {
        byte* p = _pointer;
        if (p == null) ThrowDisposed();
        if (offset < 0 || length < 0 || offset > Length - length) ThrowOutOfRange(offset, length);
        return p + offset;
    }

    /// <summary>An aligned int32 slot: an interlocked operation on an unaligned address faults on arm64 and splits
    /// a bus lock on x64.</summary>
    private int* Int32At(long offset)
    {
        byte* p = At(offset, sizeof(int));
        if (((nuint)p & (sizeof(int) - 1)) != 0) ThrowUnaligned(offset);
        return (int*)p;
    }

    public void Dispose()
    {
        byte* p = _pointer;
        if (p == null) return;
        _pointer = null;
        if (_view is not null) _view.ReleasePointer();
        else NativeMemory.Free(p);
    }

    [DoesNotReturn]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(MappedRegion));

    [DoesNotReturn]
    private void ThrowOutOfRange(long offset, int length) =>
        throw new ArgumentOutOfRangeException(nameof(offset), $"bytes {offset}..{offset + length} are outside the region of {Length} bytes");

    [DoesNotReturn]
    private static void ThrowUnaligned(long offset) =>
        throw new ArgumentOutOfRangeException(nameof(offset), $"offset {offset} is not 4-byte aligned");

    [DoesNotReturn]
    private static void ThrowReadOnly() => throw new InvalidOperationException("the region is a read-only view");
}

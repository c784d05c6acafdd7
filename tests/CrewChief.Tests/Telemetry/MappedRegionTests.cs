using System.IO.MemoryMappedFiles;
using CrewChief.Native.Memory;

namespace CrewChief.Tests.Telemetry;

/// <summary>The safe face of mapped memory that the irsdk reader and writer use: every offset is checked, a
/// read-only view refuses writes, a disposed region refuses everything.</summary>
public sealed class MappedRegionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"crewchief-region-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Slice_OutsideTheRegion_Throws()
    {
        using var region = MappedRegion.AllocateZeroed(64);
        Assert.Equal(64, region.Slice(0, 64).Length);
        Assert.Equal(0, region.Slice(64, 0).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => region.Slice(1, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => region.Slice(-1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => region.Slice(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => region.ReadOnlySlice(long.MaxValue, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => region.VolatileWriteInt32(62, 1));
    }

    [Fact]
    public void Int32Operations_SeeTheSameBytesAsTheSpans()
    {
        using var region = MappedRegion.AllocateZeroed(16);
        region.VolatileWriteInt32(4, 0x01020304);
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, region.ReadOnlySlice(4, 4).ToArray()); // irsdk is little-endian
        Assert.Equal(0x01020304, region.InterlockedExchangeInt32(4, 7));
        Assert.Equal(7, region.VolatileReadInt32(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => region.InterlockedExchangeInt32(6, 0)); // unaligned
    }

    [Fact]
    public void Disposed_RefusesAccess()
    {
        var region = MappedRegion.AllocateZeroed(16);
        region.Dispose();
        region.Dispose();
        Assert.Throws<ObjectDisposedException>(() => region.ReadOnlySlice(0, 1));
        Assert.Throws<ObjectDisposedException>(() => region.VolatileReadInt32(0));
    }

    [Fact]
    public void View_WritesReachTheFile_AndAReadOnlyViewRefusesWrites()
    {
        File.WriteAllBytes(_path, new byte[4096]);
        using (var map = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite))
        using (var view = map.CreateViewAccessor(0, 4096, MemoryMappedFileAccess.ReadWrite))
        using (var region = MappedRegion.Acquire(view, 4096))
        {
            Assert.True(region.CanWrite);
            region.Slice(100, 3).Fill(0xAB);
            region.VolatileWriteInt32(200, 42);
            Assert.Throws<ArgumentOutOfRangeException>(() => MappedRegion.Acquire(view, view.Capacity + 1));
        }
        byte[] bytes = File.ReadAllBytes(_path);
        Assert.Equal(new byte[] { 0, 0xAB, 0xAB, 0xAB, 0 }, bytes[99..104]);
        Assert.Equal(42, BitConverter.ToInt32(bytes, 200));

        using var readMap = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var readView = readMap.CreateViewAccessor(0, 4096, MemoryMappedFileAccess.Read);
        using var readOnly = MappedRegion.Acquire(readView, 4096);
        Assert.False(readOnly.CanWrite);
        Assert.Equal(42, readOnly.VolatileReadInt32(200));
        Assert.Throws<InvalidOperationException>(() => readOnly.Slice(0, 1));
        Assert.Throws<InvalidOperationException>(() => readOnly.VolatileWriteInt32(0, 1));
    }
}

using System.Buffers.Binary;

namespace CrewChief.Telemetry;

/// <summary>
/// irsdk_diskSubHeader: 32 bytes at offset 112 of an .ibt file only (the live map has YAML there).
/// sessionLapCount is not the number of laps completed, and sessionRecordCount can be stale in a file cut short.
/// </summary>
public readonly struct DiskSubHeader
{
    public const int Offset = IrsdkHeader.Size;
    public const int Size = 32;

    /// <summary>time_t, seconds since 1970 UTC.</summary>
    public long SessionStartDate { get; init; }
    public double SessionStartTime { get; init; }
    public double SessionEndTime { get; init; }
    public int SessionLapCount { get; init; }
    public int SessionRecordCount { get; init; }

    public DateTimeOffset? StartDateUtc =>
        SessionStartDate > 0 && SessionStartDate < 253_402_300_800L ? DateTimeOffset.FromUnixTimeSeconds(SessionStartDate) : null;

    public static DiskSubHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < Offset + Size) throw new ArgumentException("data too short for the disk sub-header", nameof(data));
        var s = data.Slice(Offset, Size);
        return new DiskSubHeader
        {
            SessionStartDate = BinaryPrimitives.ReadInt64LittleEndian(s),
            SessionStartTime = BinaryPrimitives.ReadDoubleLittleEndian(s[8..]),
            SessionEndTime = BinaryPrimitives.ReadDoubleLittleEndian(s[16..]),
            SessionLapCount = BinaryPrimitives.ReadInt32LittleEndian(s[24..]),
            SessionRecordCount = BinaryPrimitives.ReadInt32LittleEndian(s[28..]),
        };
    }

    /// <summary>Plausible as a real sub-header: finite times in order and non-negative counts.</summary>
    public bool LooksValid =>
        double.IsFinite(SessionStartTime) && double.IsFinite(SessionEndTime) && SessionStartTime >= 0 &&
        SessionEndTime >= SessionStartTime && SessionEndTime < 1e9 && SessionLapCount >= 0 && SessionRecordCount >= 0;
}

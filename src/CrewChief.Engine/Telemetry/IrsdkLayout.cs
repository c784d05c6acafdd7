namespace CrewChief.Telemetry;

/// <summary>
/// Where everything is in one .ibt file or live map: header, disk sub-header (.ibt only), variable table, session
/// YAML and the var buffers, checked against the data length. Built once per session (or per reconnect).
/// </summary>
public sealed class IrsdkLayout
{
    public IrsdkLayoutKind Kind { get; }
    public IrsdkHeader Header { get; }
    /// <summary>Present for .ibt files only.</summary>
    public DiskSubHeader? DiskSubHeader { get; }
    public VarTable Variables { get; }
    /// <summary>Records in an .ibt (from the file length, not the sub-header); 0 for a live map.</summary>
    public int RecordCount { get; }
    /// <summary>Offset of record 0 in an .ibt (varBuf[0].bufOffset).</summary>
    public long FirstRecordOffset { get; }
    public long DataLength { get; }

    private IrsdkLayout(IrsdkLayoutKind kind, IrsdkHeader header, DiskSubHeader? sub, VarTable vars, int records, long first, long length)
    {
        Kind = kind; Header = header; DiskSubHeader = sub; Variables = vars; RecordCount = records; FirstRecordOffset = first; DataLength = length;
    }

    /// <summary>Offset of the session YAML text.</summary>
    public int SessionInfoOffset => Header.SessionInfoOffset;

    /// <summary>Session YAML bytes (up to the first NUL: the live area is a fixed-capacity buffer).</summary>
    public static ReadOnlySpan<byte> SessionInfoBytes(ReadOnlySpan<byte> data, in IrsdkHeader header)
    {
        var text = data.Slice(header.SessionInfoOffset, header.SessionInfoLength);
        int nul = text.IndexOf((byte)0);
        return nul >= 0 ? text[..nul] : text;
    }

    /// <summary>
    /// Describes <paramref name="data"/> or returns a one-line problem (no exception: the live source uses this
    /// while the sim may still be writing its map).
    /// </summary>
    public static IrsdkLayout? TryDescribe(ReadOnlySpan<byte> data, out string? problem) => TryDescribe(data, data.Length, out problem);

    /// <summary>
    /// As above for a file read in parts (<see cref="IbtFile"/>): <paramref name="data"/> is its head (everything
    /// before record 0), <paramref name="length"/> the whole file's length, which the record count comes from.
    /// </summary>
    public static IrsdkLayout? TryDescribe(ReadOnlySpan<byte> data, long length, out string? problem)
    {
        if (!IrsdkHeader.TryParse(data, length, out var header, out problem)) return null;
        if ((long)header.VarHeaderOffset + (long)header.VarCount * VarHeader.Size > data.Length ||
            (long)header.SessionInfoOffset + header.SessionInfoLength > data.Length)
        {
            problem = "variable table or session YAML lies past the bytes read: the file is damaged";
            return null;
        }
        // The live map puts the YAML (or, in some builds, the var headers) straight after the header, leaving no
        // room for a disk sub-header; an .ibt always has the 32-byte sub-header there.
        bool live = header.SessionInfoOffset < IrsdkHeader.Size + Telemetry.DiskSubHeader.Size ||
                    header.VarHeaderOffset < IrsdkHeader.Size + Telemetry.DiskSubHeader.Size;
        if (live && header.BufferCount < 1)
        {
            problem = "live map header has no var buffers: the map is damaged";
            return null;
        }
        VarTable vars = VarTable.Read(data, header.VarHeaderOffset, header.VarCount);
        if (live) return new IrsdkLayout(IrsdkLayoutKind.Live, header, null, vars, 0, 0, length);

        var sub = Telemetry.DiskSubHeader.Read(data);
        if (!sub.LooksValid)
        {
            problem = "disk sub-header is implausible (times or counts out of range): the file is damaged or not an .ibt";
            return null;
        }
        long first = header.BufferOffset(0);
        long bytes = length - first;
        long records = bytes / header.BufferLength;
        long partial = bytes % header.BufferLength;
        if (partial != 0 && vars.MaxEnd != header.BufferLength && vars.MaxEnd > 0)
        {
            // Real recordings have bufLen exactly the end of the last variable: a mismatch is the field, not the tail.
            problem = $"corrupted header field bufLen = {header.BufferLength} (the variable table needs {vars.MaxEnd} bytes per record): the file is damaged";
            return null;
        }
        if (partial != 0)
        {
            problem = $"truncated: the last record is incomplete ({partial} of {header.BufferLength} bytes); the recording was cut off, copy the file again";
            return null;
        }
        if (records == 0)
        {
            problem = "holds no telemetry records (the recording stopped before the first tick)";
            return null;
        }
        if (records > int.MaxValue)
        {
            problem = "has more records than this reader supports";
            return null;
        }
        return new IrsdkLayout(IrsdkLayoutKind.Disk, header, sub, vars, (int)records, first, length);
    }

    /// <summary>As <see cref="TryDescribe(ReadOnlySpan{byte}, out string?)"/>, but bad input becomes an <see cref="InputException"/> naming <paramref name="path"/>.</summary>
    public static IrsdkLayout Describe(ReadOnlySpan<byte> data, string path)
    {
        return TryDescribe(data, out string? problem) ?? throw InputException.ForFile(path, problem ?? "not iRacing telemetry");
    }

    /// <summary>The bytes of record <paramref name="index"/> of an .ibt.</summary>
    public ReadOnlySpan<byte> Record(ReadOnlySpan<byte> data, int index) =>
        data.Slice(checked((int)(FirstRecordOffset + (long)index * Header.BufferLength)), Header.BufferLength);
}

using System.Buffers.Binary;
using System.Text;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

/// <summary>
/// A deliberately tiny, independent .ibt reader for the brain's real-data test: just the player channels the lap
/// and fuel logic needs (irsdk_header, disk sub-header, 144-byte var headers, records to the end of the file).
/// The project's real reader lives in Telemetry/; this one exists so the brain can be checked against real laps
/// without depending on it.
/// </summary>
internal static class MiniIbt
{
    public static IEnumerable<TelemetryFrame> Read(string path)
    {
        byte[] b = File.ReadAllBytes(path);
        int numVars = I32(b, 24), varHeaderOffset = I32(b, 28), bufLen = I32(b, 36), bufOffset = I32(b, 52);
        var vars = new Dictionary<string, (int Type, int Offset)>();
        for (int i = 0; i < numVars; i++)
        {
            int o = varHeaderOffset + 144 * i;
            string name = Encoding.ASCII.GetString(b, o + 16, 32).TrimEnd('\0');
            vars[name] = (I32(b, o), I32(b, o + 4));
        }
        var frame = new TelemetryFrame();
        if (vars.ContainsKey("LapCompleted")) frame.Available |= TelemetryChannels.LapCompleted;
        if (vars.ContainsKey("PlayerTrackSurface")) frame.Available |= TelemetryChannels.PlayerTrackSurface;
        if (vars.ContainsKey("SessionFlags")) frame.Available |= TelemetryChannels.SessionFlags;
        int records = (b.Length - bufOffset) / bufLen;
        for (int r = 0; r < records; r++)
        {
            int rec = bufOffset + r * bufLen;
            frame.RecordIndex = r;
            frame.SessionTime = Num(b, rec, vars, "SessionTime");
            frame.Lap = (int)Num(b, rec, vars, "Lap");
            frame.LapCompleted = (int)Num(b, rec, vars, "LapCompleted");
            frame.LapDistPct = (float)Num(b, rec, vars, "LapDistPct");
            frame.FuelLevel = (float)Num(b, rec, vars, "FuelLevel");
            frame.OnPitRoad = Num(b, rec, vars, "OnPitRoad") != 0;
            frame.Speed = (float)Num(b, rec, vars, "Speed");
            frame.PlayerTrackSurface = vars.ContainsKey("PlayerTrackSurface") ? (TrackSurface)(int)Num(b, rec, vars, "PlayerTrackSurface") : TrackSurface.OnTrack;
            frame.SessionFlags = (SessionFlags)(uint)Num(b, rec, vars, "SessionFlags");
            yield return frame;
        }
    }

    private static int I32(byte[] b, int o) => BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(o));

    private static double Num(byte[] b, int rec, Dictionary<string, (int Type, int Offset)> vars, string name)
    {
        if (!vars.TryGetValue(name, out var v)) return 0;
        var s = b.AsSpan(rec + v.Offset);
        return v.Type switch
        {
            0 or 1 => s[0],
            2 => BinaryPrimitives.ReadInt32LittleEndian(s),
            3 => BinaryPrimitives.ReadUInt32LittleEndian(s),
            4 => BinaryPrimitives.ReadSingleLittleEndian(s),
            _ => BinaryPrimitives.ReadDoubleLittleEndian(s),
        };
    }
}

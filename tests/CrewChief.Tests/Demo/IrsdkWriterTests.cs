using System.Buffers.Binary;
using System.Text;
using CrewChief.Native.Memory;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Demo;

/// <summary>
/// The writer's bytes, parsed here with BinaryPrimitives straight from the format facts (irsdk_defines.h), so the
/// test owes nothing to the writer's own tables.
/// </summary>
public sealed class IrsdkWriterTests : IDisposable
{
    private const int Capacity = 64 * 1024;
    private readonly long _length = IrsdkWriter.RequiredLength(Capacity);
    private readonly MappedRegion _memory;
    private readonly IrsdkWriter _writer;

    public IrsdkWriterTests()
    {
        _memory = MappedRegion.AllocateZeroed(_length);
        _writer = new IrsdkWriter(_memory, Capacity);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _memory.Dispose();
    }

    private ReadOnlySpan<byte> Map => _memory.ReadOnlySlice(0, (int)_length);
    private int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(Map[offset..]);

    private sealed record VarHeader(int Type, int Offset, int Count, bool CountAsTime, string Name, string Desc, string Unit);

    private static string CString(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(nul < 0 ? field : field[..nul]);
    }

    private Dictionary<string, VarHeader> VarHeaders()
    {
        var map = Map;
        int numVars = Int(24), offset = Int(28);
        var vars = new Dictionary<string, VarHeader>();
        for (int i = 0; i < numVars; i++)
        {
            var h = map.Slice(offset + 144 * i, 144);
            var v = new VarHeader(BinaryPrimitives.ReadInt32LittleEndian(h), BinaryPrimitives.ReadInt32LittleEndian(h[4..]),
                BinaryPrimitives.ReadInt32LittleEndian(h[8..]), h[12] != 0, CString(h.Slice(16, 32)), CString(h.Slice(48, 64)), CString(h.Slice(112, 32)));
            vars.Add(v.Name, v);
        }
        return vars;
    }

    private static int TypeSize(int type) => type switch { 0 or 1 => 1, 2 or 3 or 4 => 4, 5 => 8, _ => throw new InvalidDataException($"type {type}") };

    private int NewestBuffer(out int tick)
    {
        int best = -1;
        tick = int.MinValue;
        for (int i = 0; i < Int(32); i++)
        {
            int t = Int(48 + 16 * i);
            if (t > tick) { tick = t; best = i; }
        }
        return best;
    }

    [Fact]
    public void Header_IsLaidOutLikeTheLiveMap()
    {
        _writer.WriteSessionInfo("---\nWeekendInfo:\n TrackName: test\n...\n");

        Assert.Equal(2, Int(0));                       // ver
        Assert.Equal(1, Int(4));                       // status: connected
        Assert.Equal(60, Int(8));                      // tickRate
        Assert.Equal(1, Int(12));                      // sessionInfoUpdate
        Assert.Equal(Capacity, Int(16));               // sessionInfoLen is the capacity
        Assert.Equal(112, Int(20));                    // sessionInfoOffset: no disk sub-header in the live map
        int numVars = Int(24), varHeaderOffset = Int(28), numBuf = Int(32), bufLen = Int(36);
        Assert.True(numVars >= 80, $"numVars {numVars}");
        Assert.Equal(112 + Capacity, varHeaderOffset);
        Assert.Equal(3, numBuf);
        int varsEnd = varHeaderOffset + 144 * numVars;
        var offsets = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            int bufOffset = Int(52 + 16 * i);
            Assert.True(bufOffset >= varsEnd, "data buffers follow the var headers");
            Assert.True(bufOffset + bufLen <= _length, "data buffers fit in the map");
            offsets.Add(bufOffset);
        }
        offsets.Sort();
        Assert.True(offsets[1] - offsets[0] >= bufLen && offsets[2] - offsets[1] >= bufLen, "buffers do not overlap");
        Assert.Equal(0, Int(48 + 16 * 3));             // the 4th varBuf slot is unused
        Assert.Equal(0, Int(52 + 16 * 3));
    }

    [Fact]
    public void VarHeaders_UseIRacingNamesTypesAndCounts_PackedWithoutOverlap()
    {
        var vars = VarHeaders();
        int bufLen = Int(36);
        (string Name, int Type, int Count, string Unit)[] expected =
        [
            ("SessionTime", 5, 1, "s"), ("SessionTick", 2, 1, ""), ("SessionNum", 2, 1, ""), ("SessionState", 2, 1, "irsdk_SessionState"),
            ("SessionFlags", 3, 1, "irsdk_Flags"), ("SessionTimeRemain", 5, 1, "s"), ("SessionLapsRemainEx", 2, 1, ""),
            ("IsOnTrack", 1, 1, ""), ("IsOnTrackCar", 1, 1, ""), ("PlayerTrackSurface", 2, 1, "irsdk_TrkLoc"), ("PlayerCarIdx", 2, 1, ""),
            ("PlayerCarPosition", 2, 1, ""), ("PlayerCarClassPosition", 2, 1, ""), ("PlayerCarMyIncidentCount", 2, 1, ""),
            ("Lap", 2, 1, ""), ("LapCompleted", 2, 1, ""), ("LapDist", 4, 1, "m"), ("LapDistPct", 4, 1, "%"),
            ("LapCurrentLapTime", 4, 1, "s"), ("LapLastLapTime", 4, 1, "s"), ("LapBestLapTime", 4, 1, "s"), ("LapDeltaToBestLap", 4, 1, "s"),
            ("Speed", 4, 1, "m/s"), ("RPM", 4, 1, "revs/min"), ("Gear", 2, 1, ""), ("Throttle", 4, 1, "%"), ("Brake", 4, 1, "%"),
            ("SteeringWheelAngle", 4, 1, "rad"), ("LatAccel", 4, 1, "m/s^2"), ("LongAccel", 4, 1, "m/s^2"), ("VertAccel", 4, 1, "m/s^2"),
            ("FuelLevel", 4, 1, "l"), ("FuelLevelPct", 4, 1, "%"), ("FuelUsePerHour", 4, 1, "kg/h"), ("OnPitRoad", 1, 1, ""),
            ("EngineWarnings", 3, 1, "irsdk_EngineWarnings"), ("AirTemp", 4, 1, "C"), ("TrackTempCrew", 4, 1, "C"),
            ("LFtempCL", 4, 1, "C"), ("RRtempCR", 4, 1, "C"), ("LFwearL", 4, 1, "%"), ("RRwearR", 4, 1, "%"),
            ("CarIdxLap", 2, 64, ""), ("CarIdxLapCompleted", 2, 64, ""), ("CarIdxLapDistPct", 4, 64, "%"), ("CarIdxPosition", 2, 64, ""),
            ("CarIdxClassPosition", 2, 64, ""), ("CarIdxClass", 2, 64, ""), ("CarIdxOnPitRoad", 1, 64, ""),
            ("CarIdxTrackSurface", 2, 64, "irsdk_TrkLoc"), ("CarIdxEstTime", 4, 64, "s"), ("CarIdxF2Time", 4, 64, "s"),
            ("CarIdxLastLapTime", 4, 64, "s"), ("CarIdxBestLapTime", 4, 64, "s"),
        ];
        foreach (var (name, type, count, unit) in expected)
        {
            Assert.True(vars.TryGetValue(name, out var v), $"{name} is published");
            Assert.Equal(type, v.Type);
            Assert.Equal(count, v.Count);
            Assert.Equal(unit, v.Unit);
            Assert.False(v.CountAsTime);
            Assert.NotEmpty(v.Desc);
        }
        Assert.True(vars["CarLeftRight"].Type is 2 or 3);
        foreach (var corner in new[] { "LF", "RF", "LR", "RR" })
            foreach (var edge in "LMR")
            {
                Assert.Contains($"{corner}tempC{edge}", vars.Keys);
                Assert.Contains($"{corner}wear{edge}", vars.Keys);
            }

        var spans = vars.Values.Select(v => (Start: v.Offset, End: v.Offset + v.Count * TypeSize(v.Type))).OrderBy(s => s.Start).ToList();
        for (int i = 1; i < spans.Count; i++) Assert.True(spans[i].Start >= spans[i - 1].End, "variables do not overlap");
        Assert.True(spans[^1].End <= bufLen);
    }

    [Fact]
    public void WriteFrame_ValuesLandAtTheOffsetsTheVarHeadersGive()
    {
        var f = new TelemetryFrame
        {
            SessionTime = 1234.5, SessionTick = 99, SessionFlags = SessionFlags.Yellow | SessionFlags.StartHidden,
            SessionState = SessionState.Racing, IsOnTrack = true, PlayerCarIdx = 8, Lap = 4, LapDistPct = 0.25f,
            Speed = 55.5f, Gear = 5, CarLeftRight = CarLeftRight.TwoCarsLeft, FuelLevel = 12.5f,
            PlayerTrackSurface = TrackSurface.OnTrack, EngineWarnings = EngineWarnings.PitSpeedLimiter,
        };
        f.TyreTemp[(int)TyreCorner.LeftFront * 3 + 0] = 81.5f;
        f.TyreTemp[(int)TyreCorner.RightRear * 3 + 2] = 77.25f;
        f.TyreWear[(int)TyreCorner.RightFront * 3 + 1] = 0.93f;
        f.CarIdxLapDistPct[5] = 0.75f;
        f.CarIdxPosition[5] = 3;
        f.CarIdxOnPitRoad[6] = true;
        f.CarIdxTrackSurface[7] = TrackSurface.InPitStall;
        f.CarIdxClass[8] = 4074;

        int tick = _writer.WriteFrame(f);
        var vars = VarHeaders();
        int buffer = NewestBuffer(out int newest);
        Assert.Equal(tick, newest);
        byte[] data = Map.Slice(Int(52 + 16 * buffer), Int(36)).ToArray();
        int At(string name, int index = 0) => vars[name].Offset + index * TypeSize(vars[name].Type);
        float Float(string name, int index = 0) => BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(At(name, index)));
        int I(string name, int index = 0) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(At(name, index)));

        Assert.Equal(1234.5, BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(At("SessionTime"))));
        Assert.Equal(99, I("SessionTick"));
        Assert.Equal((int)(SessionFlags.Yellow | SessionFlags.StartHidden), I("SessionFlags"));
        Assert.Equal(4, I("SessionState"));
        Assert.Equal(1, data[At("IsOnTrack")]);
        Assert.Equal(8, I("PlayerCarIdx"));
        Assert.Equal(4, I("Lap"));
        Assert.Equal(0.25f, Float("LapDistPct"));
        Assert.Equal(55.5f, Float("Speed"));
        Assert.Equal(5, I("Gear"));
        Assert.Equal(5, I("CarLeftRight"));
        Assert.Equal(12.5f, Float("FuelLevel"));
        Assert.Equal(0x10, I("EngineWarnings"));
        Assert.Equal(81.5f, Float("LFtempCL"));
        Assert.Equal(77.25f, Float("RRtempCR"));
        Assert.Equal(0.93f, Float("RFwearM"));
        Assert.Equal(0.75f, Float("CarIdxLapDistPct", 5));
        Assert.Equal(3, I("CarIdxPosition", 5));
        Assert.Equal(1, data[At("CarIdxOnPitRoad", 6)]);
        Assert.Equal(0, data[At("CarIdxOnPitRoad", 5)]);
        Assert.Equal(1, I("CarIdxTrackSurface", 7));
        Assert.Equal(4074, I("PlayerCarClass"));
    }

    [Fact]
    public void TickCounts_RotateAcrossThreeBuffers_NewestIsHighest()
    {
        var f = new TelemetryFrame();
        var seen = new HashSet<int>();
        for (int k = 1; k <= 9; k++)
        {
            f.SessionTick = k;
            int tick = _writer.WriteFrame(f);
            Assert.Equal(k, tick);
            int buffer = NewestBuffer(out int newest);
            Assert.Equal(tick, newest);
            seen.Add(buffer);
            if (k >= 3)
            {
                var ticks = new[] { Int(48), Int(64), Int(80) }.OrderBy(x => x).ToArray();
                Assert.Equal([tick - 2, tick - 1, tick], ticks);
            }
            var data = Map.Slice(Int(52 + 16 * buffer), Int(36));
            int tickVar = VarHeaders()["SessionTick"].Offset;
            Assert.Equal(k, BinaryPrimitives.ReadInt32LittleEndian(data[tickVar..]));
        }
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void WriteSessionInfo_PutsTextAt112_NulTerminated_AndBumpsUpdate()
    {
        _writer.WriteSessionInfo("---\nWeekendInfo:\n TrackName: a long first text\n...\n");
        _writer.WriteSessionInfo("---\nshort\n...\n");
        Assert.Equal(2, Int(12));
        var area = Map.Slice(112, Capacity);
        Assert.Equal("---\nshort\n...\n", CString(area));
        Assert.True(area[20..].IndexOfAnyExcept((byte)0) < 0, "the longer old text is cleared");
        Assert.Throws<InvalidOperationException>(() => _writer.WriteSessionInfo(new string('x', Capacity)));
    }

    [Fact]
    public void CreateFile_AnotherHandleSeesTheLayout_AndDisposeDisconnects()
    {
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-test-{Guid.NewGuid():N}.irsdk");
        try
        {
            using (var writer = IrsdkWriter.CreateFile(path))
            {
                writer.WriteSessionInfo("---\n...\n");
                writer.WriteFrame(new TelemetryFrame { SessionTick = 7 });
                using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var header = new byte[112];
                reader.ReadExactly(header);
                Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(header));
                Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4)));
                Assert.Equal(IrsdkWriter.DefaultSessionInfoCapacity, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)));
                Assert.Equal(writer.Length, reader.Length);
            }
            var after = File.ReadAllBytes(path);
            Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(after.AsSpan(4)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using CrewChief.Demo;
using CrewChief.Native.Memory;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Demo;

public sealed class DemoRaceTests
{
    /// <summary>What a full race showed in its frames, seen only through <see cref="TelemetryFrame"/> (what a reader gets).</summary>
    private sealed class RaceRecord
    {
        public readonly List<SessionState> States = [];
        public readonly HashSet<CarLeftRight> LeftRight = [];
        public bool Yellow, GreenAfterYellow, Black, White, Checkered, PitStall, PitRoadNoLimiter, PitRoadLimiter, Refuelled;
        public bool Gained, Lost, CloseAhead, CloseBehind, Lapping, BestImproved, TyresChangedOnTrack, TyresChangedInPits;
        public readonly List<int> Incidents = [];
        public float MinFuelRacing = float.MaxValue, MaxLat, MaxLong, SpawnWorstTread = float.NaN, FuelAfterStop = float.NaN;
        public int LapsAfterStop;
        public double Duration;
        public int Ticks;
    }

    private static RaceRecord RunRace(double minutes, int seed)
    {
        var race = new DemoRace(new DemoOptions { Minutes = minutes, Seed = seed });
        var rec = new RaceRecord();
        var f = race.Frame;
        int lastPos = 0, lastIncidents = -1;
        float lastBest = -1, lastFuel = 0;
        bool yellowSeen = false;
        float[] tyres = new float[24];
        bool tyresKnown = false;
        while (!race.IsFinished)
        {
            race.Step();
            rec.Ticks++;
            if (rec.States.Count == 0 || rec.States[^1] != f.SessionState) rec.States.Add(f.SessionState);
            rec.LeftRight.Add(f.CarLeftRight);
            if ((f.SessionFlags & SessionFlags.Yellow) != 0) { rec.Yellow = true; yellowSeen = true; }
            if (yellowSeen && (f.SessionFlags & SessionFlags.Green) != 0) rec.GreenAfterYellow = true;
            if ((f.SessionFlags & SessionFlags.White) != 0) rec.White = true;
            if ((f.SessionFlags & SessionFlags.Black) != 0) { Assert.True(f.OnPitRoad); rec.Black = true; }
            if ((f.SessionFlags & SessionFlags.Checkered) != 0) rec.Checkered = true;
            if (f.PlayerTrackSurface == TrackSurface.InPitStall) rec.PitStall = true;
            if (f.OnPitRoad && (f.EngineWarnings & EngineWarnings.PitSpeedLimiter) == 0 && f.Speed > 20.2f) rec.PitRoadNoLimiter = true;
            if (f.OnPitRoad && (f.EngineWarnings & EngineWarnings.PitSpeedLimiter) != 0) rec.PitRoadLimiter = true;
            if (f.OnPitRoad && f.FuelLevel > lastFuel + 0.01f) rec.Refuelled = true;
            lastFuel = f.FuelLevel;
            if (f.PlayerCarMyIncidentCount != lastIncidents) { rec.Incidents.Add(f.PlayerCarMyIncidentCount); lastIncidents = f.PlayerCarMyIncidentCount; }
            if (lastBest > 0 && f.LapBestLapTime < lastBest) rec.BestImproved = true;
            lastBest = f.LapBestLapTime;

            // Tyre channels: iRacing shows the crew's last measurement, so they change only at the stop (the set that
            // came in, then the set fitted).
            var now = new float[24];
            f.TyreTemp.CopyTo(now, 0);
            f.TyreWear.CopyTo(now, 12);
            if (tyresKnown && !now.AsSpan().SequenceEqual(tyres))
            {
                if (f.OnPitRoad) rec.TyresChangedInPits = true;
                else rec.TyresChangedOnTrack = true;
            }
            if (f.IsOnTrack) { tyres = now; tyresKnown = true; }
            if (float.IsNaN(rec.SpawnWorstTread) && f.IsOnTrack && f.TyreWear[0] > 0) rec.SpawnWorstTread = f.TyreWear.AsSpan().ToArray().Min();
            if (float.IsNaN(rec.FuelAfterStop) && rec.PitStall && !f.OnPitRoad)
            {
                rec.FuelAfterStop = f.FuelLevel;
                rec.LapsAfterStop = race.RaceLaps - f.LapCompleted;
            }

            if (f.SessionState != SessionState.Racing) continue;
            int me = f.PlayerCarIdx;
            bool onTrack = f.PlayerTrackSurface == TrackSurface.OnTrack;
            if (onTrack) rec.MinFuelRacing = Math.Min(rec.MinFuelRacing, f.FuelLevel);
            rec.MaxLat = Math.Max(rec.MaxLat, Math.Abs(f.LatAccel));
            if (onTrack) rec.MaxLong = Math.Max(rec.MaxLong, Math.Abs(f.LongAccel));
            if (lastPos > 0 && f.PlayerCarPosition < lastPos) rec.Gained = true;
            if (lastPos > 0 && f.PlayerCarPosition > lastPos) rec.Lost = true;
            lastPos = f.PlayerCarPosition;
            if (!onTrack || f.LapCompleted < 1) continue;
            double myProgress = f.CarIdxLapCompleted[me] + f.CarIdxLapDistPct[me];
            for (int i = 0; i < TelemetryFrame.MaxCars; i++)
            {
                if (i == me || f.CarIdxPosition[i] == 0 || f.CarIdxOnPitRoad[i] || f.CarIdxTrackSurface[i] != TrackSurface.OnTrack) continue;
                float gap = f.CarIdxF2Time[me] - f.CarIdxF2Time[i];
                if (f.CarIdxPosition[i] == f.PlayerCarPosition - 1 && gap > 0.05f && gap < 1f) rec.CloseAhead = true;
                if (f.CarIdxPosition[i] == f.PlayerCarPosition + 1 && -gap > 0.05f && -gap < 1f) rec.CloseBehind = true;
                double theirs = f.CarIdxLapCompleted[i] + f.CarIdxLapDistPct[i];
                if (myProgress - theirs >= 1.0) rec.Lapping = true;
            }
        }
        rec.Duration = race.SessionTime;
        return rec;
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(5, 1)]
    [InlineData(15, 1)]
    [InlineData(8, 2)]
    [InlineData(8, 3)]
    [InlineData(10, 42)]
    public void FullRace_EveryScriptedSituationHappensToThePlayer(double minutes, int seed)
    {
        var r = RunRace(minutes, seed);

        Assert.Equal([SessionState.GetInCar, SessionState.Warmup, SessionState.ParadeLaps, SessionState.Racing, SessionState.Checkered, SessionState.CoolDown], r.States);
        Assert.InRange(r.Duration, minutes * 60 * 0.8, minutes * 60 * 1.25);
        Assert.True(r.MinFuelRacing < 2 * 2.45f, $"fuel got low (min {r.MinFuelRacing:0.0} l)");
        Assert.True(r.PitStall && r.Refuelled, "the player stopped and was refuelled");
        Assert.True(r.PitRoadNoLimiter && r.PitRoadLimiter, "limiter forgotten on entry (over the limit), then on");
        Assert.True(r.Yellow && r.GreenAfterYellow, "yellow then green");
        foreach (var v in new[] { CarLeftRight.Clear, CarLeftRight.CarLeft, CarLeftRight.CarRight, CarLeftRight.CarLeftRight, CarLeftRight.TwoCarsLeft, CarLeftRight.TwoCarsRight })
            Assert.Contains(v, r.LeftRight);
        Assert.True(r.Gained && r.Lost, "positions gained and lost");
        Assert.True(r.CloseAhead, "a car within 1 s ahead");
        Assert.True(r.CloseBehind, "a car within 1 s behind");
        Assert.True(r.Lapping, "the player laps a backmarker");
        Assert.Equal([0, 1, 5], r.Incidents);
        Assert.True(r.Black, "black flag for speeding in the pit lane, cleared after the hold");
        Assert.True(r.BestImproved, "a personal best beats an earlier best");
        Assert.True(r.White && r.Checkered, "white flag then chequered");
        Assert.True(r.TyresChangedInPits && !r.TyresChangedOnTrack, "tyre channels frozen on track, updated at the stop");
        // A used set at spawn: the crew's worst edge reading is past the 60 % wear warning, short of critical.
        Assert.InRange(1f - r.SpawnWorstTread, 0.6f, 0.8f);
        // Short-filled: short of the laps left at the first stint's burn plus a litre's reserve, enough at the saving burn.
        Assert.InRange(r.FuelAfterStop, 2.45f * 0.89f * r.LapsAfterStop, 2.45f * r.LapsAfterStop + 1f);
        Assert.InRange(r.MaxLat, 12f, 30f);   // ~1.3–3 g in the corners
        Assert.InRange(r.MaxLong, 8f, 40f);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(15)]
    public void FullRace_LogsEverySituationKind(double minutes)
    {
        var race = new DemoRace(new DemoOptions { Minutes = minutes });
        while (!race.IsFinished) race.Step();
        var kinds = new HashSet<DemoSituationKind>();
        foreach (var s in race.Situations) kinds.Add(s.Kind);
        bool puncture = race.Timeline.PunctureLap > 0;
        Assert.Equal(minutes >= 10, puncture);
        foreach (var kind in Enum.GetValues<DemoSituationKind>())
        {
            if (!puncture && kind is DemoSituationKind.Puncture or DemoSituationKind.BlueFlag) Assert.DoesNotContain(kind, kinds);
            else Assert.Contains(kind, kinds);
        }
        // Lapped on the puncture, the player takes the flag a lap down.
        Assert.Equal(puncture ? race.RaceLaps - 1 : race.RaceLaps, race.Player.LapCompleted);
    }

    [Fact]
    public void SlowPuncture_TheLeaderLapsThePlayer_BlueFlagOnlyWhileACarALapUpIsCloseBehind()
    {
        var race = new DemoRace(new DemoOptions { Minutes = 15 });
        var f = race.Frame;
        int blueTicks = 0, blueSpells = 0;
        bool wasBlue = false;
        float length = race.Track.LengthM;
        while (!race.IsFinished)
        {
            race.Step();
            bool blue = (f.SessionFlags & SessionFlags.Blue) != 0;
            if (blue)
            {
                blueTicks++;
                Assert.True(f.IsOnTrack && !f.OnPitRoad, "blue only on the road");
                // Some car is a lap up and within a few seconds behind on the road.
                int me = f.PlayerCarIdx;
                double mine = f.CarIdxLapCompleted[me] + f.CarIdxLapDistPct[me];
                bool lapping = false;
                for (int i = 1; i <= DemoRace.RacingCars; i++)
                {
                    if (i == me) continue;
                    double up = f.CarIdxLapCompleted[i] + f.CarIdxLapDistPct[i] - mine;
                    if (up > 0.5 && up < 1.02 && (1 - up) * length < 150) lapping = true;
                }
                Assert.True(lapping, $"blue at {f.SessionTime:0.0} s with no car a lap up close behind");
            }
            if (blue && !wasBlue) blueSpells++;
            wasBlue = blue;
        }
        Assert.InRange(blueSpells, 1, 8);
        Assert.True(blueTicks < 60 * 60, "the blue flag clears once the lapping cars are by");
        var situations = race.Situations.ToArray();
        var puncture = Array.Find(situations, s => s.Kind == DemoSituationKind.Puncture);
        var firstBlue = Array.Find(situations, s => s.Kind == DemoSituationKind.BlueFlag);
        Assert.Equal(race.Timeline.PunctureLap, puncture.Lap);
        Assert.True(firstBlue.SessionTime > puncture.SessionTime && firstBlue.Lap == puncture.Lap, "lapped on the puncture lap");
        Assert.Equal(1, race.Car(firstBlue.Other).Position);   // the leader, who went on to win
    }

    [Fact]
    public void SameSeed_GivesTheSameFrames_OtherSeedDoesNot()
    {
        var a = new DemoRace(new DemoOptions { Seed = 7 });
        var b = new DemoRace(new DemoOptions { Seed = 7 });
        var c = new DemoRace(new DemoOptions { Seed = 8 });
        bool differs = false;
        for (int i = 0; i < 12_000; i++)
        {
            a.Step(); b.Step(); c.Step();
            Assert.Equal(Snapshot(a.Frame), Snapshot(b.Frame));
            differs |= !Snapshot(a.Frame).AsSpan().SequenceEqual(Snapshot(c.Frame));
        }
        Assert.True(differs);
        Assert.Equal(a.BuildSessionInfoYaml(), b.BuildSessionInfoYaml());
    }

    private static double[] Snapshot(TelemetryFrame f)
    {
        var v = new List<double>
        {
            f.SessionTime, f.SessionTick, (int)f.SessionState, (uint)f.SessionFlags, f.PlayerCarPosition, f.Lap, f.LapDistPct,
            f.Speed, f.Rpm, f.Gear, f.Throttle, f.Brake, f.LatAccel, f.LongAccel, f.FuelLevel, f.FuelUsePerHour,
            (int)f.CarLeftRight, f.PlayerCarMyIncidentCount, f.LapLastLapTime, f.LapBestLapTime, (int)f.EngineWarnings,
        };
        for (int i = 0; i <= DemoRace.RacingCars; i++)
        {
            v.Add(f.CarIdxLapDistPct[i]); v.Add(f.CarIdxPosition[i]); v.Add(f.CarIdxF2Time[i]); v.Add(f.CarIdxLap[i]);
        }
        foreach (var t in f.TyreTemp) v.Add(t);
        return [.. v];
    }

    [Theory]
    [InlineData(5)]
    [InlineData(15)]   // the puncture, the limp and the blue flag
    public void Tick_AllocatesNothing_AfterWarmUp(double minutes)
    {
        var race = new DemoRace(new DemoOptions { Minutes = minutes });
        using var memory = MappedRegion.AllocateZeroed(IrsdkWriter.RequiredLength());
        using var writer = new IrsdkWriter(memory);
        for (int i = 0; i < 3000; i++) { race.Step(); writer.WriteFrame(race.Frame); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        int ticks = 0;
        while (!race.IsFinished) { race.Step(); race.Frame.TickCount = writer.WriteFrame(race.Frame); ticks++; }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ticks > 10_000);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Host_RunsFlatOut_PublishesTheMap_AndDisconnectsAtTheEnd()
    {
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        string path = host.MapPath!;
        Assert.True(File.Exists(path));
        int lastTick = 0;
        host.AfterTick = (race, tick) => lastTick = tick;
        host.Start();
        Assert.True(host.WaitForFinish(TimeSpan.FromMinutes(2)));
        Assert.Null(host.Error);
        Assert.True(host.Race.IsFinished);
        Assert.Equal(host.Race.SessionTick, lastTick);
        Assert.Equal(lastTick, host.Race.Frame.TickCount);
        Assert.True(host.Writer.SessionInfoUpdate > 3, "YAML republished as the race went on");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[16];
        stream.ReadExactly(header);
        Assert.Equal(0, BitConverter.ToInt32(header, 4));   // status: the sim has gone
    }

    [Fact]
    public void Host_MapFile_HoldsTheRaceFrameAndYaml_ParsedIndependently()
    {
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        for (int i = 0; i < 4000; i++) host.StepOnce();   // into the race: lap 2
        var f = host.Race.Frame;
        byte[] map;
        using (var stream = new FileStream(host.MapPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            map = new byte[stream.Length];
            stream.ReadExactly(map);
        }
        int I(int at) => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(map.AsSpan(at));
        Assert.Equal(f.SessionInfoUpdate, I(12));
        int yamlEnd = Array.IndexOf(map, (byte)0, 112);
        Assert.Equal(host.Race.BuildSessionInfoYaml(), System.Text.Encoding.Latin1.GetString(map, 112, yamlEnd - 112));

        int newest = 0;
        for (int b = 1; b < 3; b++) if (I(48 + 16 * b) > I(48 + 16 * newest)) newest = b;
        Assert.Equal(f.TickCount, I(48 + 16 * newest));
        int data = I(52 + 16 * newest);
        var offsets = new Dictionary<string, int>();
        for (int v = 0; v < I(24); v++)
        {
            int h = I(28) + 144 * v;
            offsets[System.Text.Encoding.Latin1.GetString(map, h + 16, 32).TrimEnd('\0')] = I(h + 4);
        }
        float F(string name, int index = 0) => BitConverter.ToSingle(map, data + offsets[name] + 4 * index);
        int N(string name, int index = 0) => I(data + offsets[name] + 4 * index);
        Assert.Equal(f.SessionTime, BitConverter.ToDouble(map, data + offsets["SessionTime"]));
        Assert.Equal(f.SessionTick, N("SessionTick"));
        Assert.Equal((int)f.SessionState, N("SessionState"));
        Assert.Equal((int)f.SessionFlags, N("SessionFlags"));
        Assert.Equal(f.Lap, N("Lap"));
        Assert.Equal(f.LapDistPct, F("LapDistPct"));
        Assert.Equal(f.Speed, F("Speed"));
        Assert.Equal(f.FuelLevel, F("FuelLevel"));
        Assert.Equal(f.PlayerCarPosition, N("PlayerCarPosition"));
        Assert.Equal((int)f.CarLeftRight, N("CarLeftRight"));
        Assert.Equal(f.TyreTemp[(int)TyreCorner.LeftFront * 3], F("LFtempCL"));
        for (int car = 0; car < TelemetryFrame.MaxCars; car++)
        {
            Assert.Equal(f.CarIdxPosition[car], N("CarIdxPosition", car));
            Assert.Equal(f.CarIdxLapDistPct[car], F("CarIdxLapDistPct", car));
            Assert.Equal(f.CarIdxF2Time[car], F("CarIdxF2Time", car));
            Assert.Equal(f.CarIdxOnPitRoad[car], map[data + offsets["CarIdxOnPitRoad"] + car] != 0);
        }
    }

    [Fact]
    public void SessionYaml_IsInTheLiveMapLayout()
    {
        var race = new DemoRace();
        string yaml = race.BuildSessionInfoYaml();
        Assert.StartsWith("---\nWeekendInfo:\n TrackName: limerock 2019 gp\n", yaml);
        Assert.EndsWith("\n...\n", yaml);
        Assert.Contains("\n TrackLength: 2.46 km\n", yaml);
        Assert.Contains("\n TrackDisplayName: Lime Rock Park\n", yaml);
        Assert.Contains("\n TrackConfigName: Grand Prix\n", yaml);
        Assert.Contains("\n TrackType: road course\n", yaml);
        Assert.Contains("\n TrackAirTemp: 33.00 C\n", yaml);
        Assert.Contains("\n  IncidentLimit: 17\n", yaml);
        Assert.Contains("\n - SessionNum: 0\n", yaml);
        Assert.Contains("\n   SessionType: Race\n", yaml);
        Assert.Contains($"\n   SessionLaps: {race.RaceLaps}\n", yaml);
        Assert.Matches(@"\n   SessionTime: \d+\.0000 sec\n", yaml);
        Assert.Contains("\n DriverCarIdx: 8\n", yaml);
        Assert.Contains("\n DriverCarFuelMaxLtr: 100.000\n", yaml);
        Assert.Contains("\n DriverCarMaxFuelPct: " + race.MaxFuelPct.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + "\n", yaml);
        Assert.InRange(race.MaxFuelPct, 0.05f, 0.5f);   // a sprint's restriction: one stop for everyone
        Assert.Contains("\n - CarIdx: 0\n   UserName: Pace Car\n", yaml);
        Assert.Contains("\n   CarIsPaceCar: 1\n", yaml);
        Assert.Contains("\n   CarNumber: \"", yaml);
        Assert.Contains("\n\nSplitTimeInfo:\n Sectors:\n", yaml);
        Assert.Contains("\n - SectorNum: 2\n   SectorStartPct: 0.648000\n", yaml);
        Assert.Equal(DemoRace.RacingCars, yaml.Split("\n   CarIsPaceCar: 0\n").Length - 1);
        foreach (string line in yaml.Split('\n'))
            Assert.DoesNotContain('\t', line);
    }

    [Fact]
    public void JsonSummary_NamesTrackCarsLapsDuration_AndTimedSituations()
    {
        var race = new DemoRace(new DemoOptions { Minutes = 5 });
        while (!race.IsFinished) race.Step();
        using var output = new MemoryStream();
        CrewChief.App.Commands.DemoCommand.WriteSummary(race, output);
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToArray());
        var root = doc.RootElement;
        Assert.Equal("limerock 2019 gp", root.GetProperty("track").GetString());
        Assert.Equal(DemoRace.RacingCars, root.GetProperty("cars").GetInt32());
        Assert.Equal(race.RaceLaps, root.GetProperty("laps").GetInt32());
        Assert.Equal(race.SessionTime, root.GetProperty("duration_s").GetDouble(), 2);
        Assert.True(root.GetProperty("scripted").GetArrayLength() >= 8);
        var kinds = new HashSet<string>();
        double last = 0;
        foreach (var s in root.GetProperty("situations").EnumerateArray())
        {
            kinds.Add(s.GetProperty("kind").GetString()!);
            double t = s.GetProperty("session_time").GetDouble();
            Assert.True(t >= last);
            last = t;
            Assert.False(string.IsNullOrEmpty(s.GetProperty("text").GetString()));
        }
        foreach (var k in new[] { "black_flag", "pit_entry", "pit_limiter_forgotten", "yellow_flag", "green_after_yellow", "overlap", "incident", "personal_best", "lapping_car", "white_flag", "checkered", "position_gained", "position_lost", "car_close_ahead", "car_close_behind", "fuel_low" })
            Assert.Contains(k, kinds);
    }

    [Fact]
    public void Options_OutsideFiveToFifteenMinutes_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoRace(new DemoOptions { Minutes = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoRace(new DemoOptions { Minutes = 16 }));
        Assert.Equal(5, new DemoOptions { Minutes = 5 }.RaceLaps);
        Assert.InRange(new DemoOptions { Minutes = 15 }.RaceLaps, 13, 15);
    }
}

using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>
/// A real race replayed from its timing as iRacing's live map would show it from one car: the field from
/// <see cref="RaceTimeline"/> in the CarIdx arrays (CarIdx 0 the safety car, entry i at CarIdx i + 1), the chosen
/// car as the player, flags as SessionFlags, and the player's untimed channels from <see cref="SynthesisedPlayer"/>.
/// <para>
/// Flags: green → Green; safety car (WEC SF) → Caution, CautionWaving for its first 10 s, with the safety car in
/// the world just ahead of the leader; full-course yellow (FCY) → Caution | Yellow (CautionWaving for 10 s) with no
/// safety car; red → Red; the winner's last lap → White; after the winner's finish → Checkered.
/// </para>
/// SessionTime runs <see cref="PreStartSeconds"/> ahead of race time: the frames before the start show the grid.
/// </summary>
public sealed class TimedRace : IReplayedSession
{
    public const double PreStartSeconds = 20;
    public const int PaceCarIdx = 0;
    public const int PaceCarClassId = 11;
    /// <summary>Class ids are this plus the class's rank by speed (1 = fastest), never the pace car's 11.</summary>
    public const int ClassIdBase = 4000;
    private const double WavingSeconds = 10;
    /// <summary>After the player has left the world (finished or retired) the replay runs this long, then stops.</summary>
    private const double TailSeconds = 30;

    private readonly RaceTimeline _line;
    private readonly SynthesisedPlayer _synth;
    private readonly double[] _classRefLap;
    private readonly double _endRaceTime;
    private long _step = -1;
    /// <summary>Per entry: how many of its driver changes have happened (the YAML names the driver in the car).</summary>
    private readonly int[] _driverChangesDone;
    private int _sessionInfoVersion = 1;

    public TimedRace(RaceTiming timing, string carNumber, double stepSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stepSeconds, 0);
        if (timing.Entries.Count > TelemetryFrame.MaxCars - 1)
            throw new InputException($"{timing.EventName}: {timing.Entries.Count} cars; a live map holds {TelemetryFrame.MaxCars - 1} besides the safety car.");
        var player = timing.Find(carNumber) ?? throw new InputException(
            $"--car {carNumber}: no such car in {timing.EventName}; cars: {string.Join(' ', timing.Entries.ConvertAll(e => e.Number))}.");
        if (player.Laps.Count == 0) throw new InputException($"--car {carNumber}: car {player.Number} has no laps in {timing.EventName} (it did not start).");
        Timing = timing;
        PlayerEntry = timing.Entries.IndexOf(player);
        StepSeconds = stepSeconds;
        _line = new RaceTimeline(timing);
        _synth = new SynthesisedPlayer(player, timing.TrackLengthM);
        _classRefLap = ClassReferenceLaps(timing, _line.Classes);
        _driverChangesDone = new int[timing.Entries.Count];
        double playerGone = _line.LeavesWorldAt(PlayerEntry);
        _endRaceTime = Math.Min(_line.EndTime, (double.IsFinite(playerGone) ? playerGone : _line.EndTime) + TailSeconds);
        Description = $"{timing.SourceKind} of {timing.EventName}, car #{player.Number} ({player.ClassName})";
    }

    public RaceTiming Timing { get; }
    public RaceTimeline Timeline => _line;
    public int PlayerEntry { get; }
    public int PlayerCarIdx => PlayerEntry + 1;
    public RaceEntry Player => Timing.Entries[PlayerEntry];
    public TelemetryFrame Frame { get; } = new();
    public double StepSeconds { get; }
    /// <summary>Bumped at every driver change: iRacing's YAML names the driver now in each car.</summary>
    public int SessionInfoVersion => _sessionInfoVersion;
    public string Description { get; }
    public double RaceStartSessionTime => PreStartSeconds;
    /// <summary>Race seconds since the start of the current frame (negative on the grid).</summary>
    public double RaceTime { get; private set; } = -PreStartSeconds;
    public bool IsFinished => RaceTime >= _endRaceTime;

    /// <summary>The car number as written in the timing at a CarIdx, or null (pace car, empty slot).</summary>
    public string? CarNumberAt(int carIdx) => carIdx >= 1 && carIdx <= Timing.Entries.Count ? Timing.Entries[carIdx - 1].Number : null;

    public int ClassId(int entry) => ClassIdBase + _line.ClassOf(entry) + 1;

    /// <summary>The driver in the car now (the timing's name for the current stint).</summary>
    public string DriverNow(int entry)
    {
        var e = Timing.Entries[entry];
        int done = _driverChangesDone[entry];
        return done > 0 ? e.DriverChanges[done - 1].Driver : e.Driver;
    }
    public double ClassReferenceLap(int entry) => _classRefLap[_line.ClassOf(entry)];

    public bool Step()
    {
        if (IsFinished) return false;
        _step++;
        RaceTime = _step * StepSeconds - PreStartSeconds;
        if (RaceTime >= 0) _line.Advance(RaceTime);
        for (int i = 0; i < _driverChangesDone.Length; i++)
        {
            var changes = Timing.Entries[i].DriverChanges;
            while (_driverChangesDone[i] < changes.Count && changes[_driverChangesDone[i]].From <= RaceTime)
            {
                _driverChangesDone[i]++;
                _sessionInfoVersion++;
            }
        }
        Fill(Frame);
        return true;
    }

    public string BuildSessionInfoYaml() => TimedRaceYaml.Build(this);

    private void Fill(TelemetryFrame f)
    {
        var line = _line;
        double t = RaceTime;
        bool started = t >= 0;
        f.Available = (TelemetryChannels)uint.MaxValue;
        f.SessionTime = t + PreStartSeconds;
        f.SessionTick = (int)_step;
        f.SessionNum = 0;
        bool checkered = t >= line.FinishTime;
        f.SessionState = !started ? SessionState.ParadeLaps : checkered ? SessionState.Checkered : SessionState.Racing;
        f.SessionFlags = started ? Flags(t) : SessionFlags.None;
        f.SessionTimeRemain = Timing.TimeLimitS > 0 ? Math.Max(0, Timing.TimeLimitS - Math.Max(0, t)) : 604800;
        int leaderLaps = line.LapsCompleted[line.Leader];
        f.SessionLapsRemainEx = Timing.LapLimit > 0 ? Math.Max(0, Timing.LapLimit - leaderLaps) : 32767;
        f.SessionInfoUpdate = SessionInfoVersion;

        int n = line.Count;
        for (int idx = 0; idx < TelemetryFrame.MaxCars; idx++)
        {
            int i = idx - 1;
            if (idx == PaceCarIdx || i >= n || !line.InWorld[i])
            {
                Empty(f, idx);
                continue;
            }
            double p = line.Progress[i];
            double whole = Math.Floor(p);
            float pct = (float)(p - whole);
            // Behind the line on the grid a car has not started lap 1: LapCompleted -1, Lap 0 (as the demo and iRacing).
            int lapsDone = p < 0 ? -1 : line.LapsCompleted[i];
            f.CarIdxLapCompleted[idx] = lapsDone;
            f.CarIdxLap[idx] = lapsDone + 1;
            f.CarIdxLapDistPct[idx] = pct;
            f.CarIdxOnPitRoad[idx] = line.OnPitRoad[i];
            f.CarIdxTrackSurface[idx] = line.InStall[i] ? TrackSurface.InPitStall : line.OnPitRoad[i] ? TrackSurface.ApproachingPits : TrackSurface.OnTrack;
            f.CarIdxPosition[idx] = line.Position[i];
            f.CarIdxClassPosition[idx] = line.ClassPosition[i];
            f.CarIdxClass[idx] = ClassId(i);
            f.CarIdxEstTime[idx] = (float)(pct * _classRefLap[line.ClassOf(i)]);
            f.CarIdxF2Time[idx] = (float)line.GapToLeader[i];
            f.CarIdxLastLapTime[idx] = (float)line.LastLapTime[i];
            f.CarIdxBestLapTime[idx] = (float)line.BestLapTime[i];
        }
        // Retired and finished cars keep their classification, as iRacing's arrays do.
        for (int i = 0; i < n; i++)
        {
            int idx = i + 1;
            if (f.CarIdxTrackSurface[idx] != TrackSurface.NotInWorld || line.Position[i] == 0) continue;
            f.CarIdxPosition[idx] = line.Position[i];
            f.CarIdxClassPosition[idx] = line.ClassPosition[i];
            f.CarIdxClass[idx] = ClassId(i);
            f.CarIdxLapCompleted[idx] = line.LapsCompleted[i];
            f.CarIdxLap[idx] = line.LapsCompleted[i] + 1;
            f.CarIdxF2Time[idx] = (float)line.GapToLeader[i];
            f.CarIdxLastLapTime[idx] = (float)line.LastLapTime[i];
            f.CarIdxBestLapTime[idx] = (float)line.BestLapTime[i];
        }
        FillPaceCar(f, started);

        int me = PlayerEntry, myIdx = PlayerCarIdx;
        bool inWorld = line.InWorld[me] && t >= -PreStartSeconds + 1;
        f.PlayerCarIdx = myIdx;
        f.IsOnTrack = inWorld;
        f.IsOnTrackCar = inWorld;
        f.PlayerTrackSurface = inWorld ? f.CarIdxTrackSurface[myIdx] : TrackSurface.NotInWorld;
        f.PlayerCarPosition = line.Position[me];
        f.PlayerCarClassPosition = line.ClassPosition[me];
        f.PlayerCarMyIncidentCount = 0;
        f.Lap = f.CarIdxLap[myIdx];
        f.LapCompleted = f.CarIdxLapCompleted[myIdx];
        float myPct = f.CarIdxLapDistPct[myIdx] < 0 ? 0 : f.CarIdxLapDistPct[myIdx];
        f.LapDistPct = myPct;
        f.LapDist = (float)(myPct * Timing.TrackLengthM);
        f.LapCurrentLapTime = started ? (float)(t - line.LastCrossing[me]) : 0;
        f.LapLastLapTime = (float)Math.Max(0, line.LastLapTime[me]);
        f.LapBestLapTime = (float)Math.Max(0, line.BestLapTime[me]);
        f.LapDeltaToBestLap = 0;
        f.OnPitRoad = line.OnPitRoad[me];
        // The player's own flags: the black flag and the meatball (repairs needed) where the source shows them.
        if (started && t < line.FinishTime)
            foreach (var (from, to, flag) in Player.FlagSpells)
                if (t >= from && t < to) f.SessionFlags |= flag == LapMarks.BlackFlag ? SessionFlags.Black : SessionFlags.Repair;
        _synth.Fill(f, t, line.Progress[me], inWorld, line.OnPitRoad[me], line.InStall[me], started);
    }

    private static void Empty(TelemetryFrame f, int idx)
    {
        f.CarIdxLap[idx] = -1; f.CarIdxLapCompleted[idx] = -1; f.CarIdxLapDistPct[idx] = -1;
        f.CarIdxTrackSurface[idx] = TrackSurface.NotInWorld; f.CarIdxOnPitRoad[idx] = false;
        f.CarIdxPosition[idx] = 0; f.CarIdxClassPosition[idx] = 0;
        f.CarIdxClass[idx] = idx == PaceCarIdx ? PaceCarClassId : -1;
        f.CarIdxEstTime[idx] = 0; f.CarIdxF2Time[idx] = 0; f.CarIdxLastLapTime[idx] = -1; f.CarIdxBestLapTime[idx] = -1;
    }

    /// <summary>The safety car, in the world while the timing shows SF, just ahead of the race leader.</summary>
    private void FillPaceCar(TelemetryFrame f, bool started)
    {
        if (!started || _line.Flag != RaceFlag.SafetyCar) return;
        int leader = _line.Leader;
        double p = _line.Progress[leader] + 0.01;
        double whole = Math.Floor(p);
        f.CarIdxLapCompleted[PaceCarIdx] = (int)whole;
        f.CarIdxLap[PaceCarIdx] = (int)whole + 1;
        f.CarIdxLapDistPct[PaceCarIdx] = (float)(p - whole);
        f.CarIdxTrackSurface[PaceCarIdx] = TrackSurface.OnTrack;
        f.CarIdxEstTime[PaceCarIdx] = (float)((p - whole) * _classRefLap[0]);
    }

    private SessionFlags Flags(double t)
    {
        var line = _line;
        bool waving = t - line.FlagSince < WavingSeconds;
        SessionFlags flags = line.Flag switch
        {
            RaceFlag.SafetyCar => SessionFlags.Caution | (waving ? SessionFlags.CautionWaving : 0),
            RaceFlag.FullCourseYellow => SessionFlags.Caution | SessionFlags.Yellow | (waving ? SessionFlags.CautionWaving : 0),
            RaceFlag.Red => SessionFlags.Red,
            _ => SessionFlags.Green,
        };
        if (t >= line.FinishTime) return SessionFlags.Checkered;
        var winner = WinnerLastLapStart();
        if (t >= winner) flags |= SessionFlags.White;
        return flags;
    }

    private double _winnerLastLapStart = double.NaN;

    /// <summary>Race time the eventual winner started its last lap (when iRacing shows the white flag).</summary>
    private double WinnerLastLapStart()
    {
        if (!double.IsNaN(_winnerLastLapStart)) return _winnerLastLapStart;
        double start = double.PositiveInfinity, finish = double.PositiveInfinity;
        foreach (var e in Timing.Entries)
            if (e.Finished && e.Laps[^1].EndTime < finish)
            {
                finish = e.Laps[^1].EndTime;
                start = e.Laps.Count > 1 ? e.Laps[^2].EndTime : 0;
            }
        return _winnerLastLapStart = start;
    }

    /// <summary>Each class's typical green-flag lap (median of clean laps), the reference CarIdxEstTime counts in.</summary>
    private static double[] ClassReferenceLaps(RaceTiming timing, List<string> classes)
    {
        var result = new double[classes.Count];
        for (int c = 0; c < classes.Count; c++)
        {
            var laps = new List<double>();
            foreach (var e in timing.Entries)
            {
                if (e.ClassName != classes[c]) continue;
                foreach (var lap in e.Laps)
                    if (lap.LapTime > 0 && lap.Flag == RaceFlag.Green && lap.PitLaneTime == 0 && !lap.EndsInPit && lap.Number > 1) laps.Add(lap.LapTime);
            }
            if (laps.Count == 0)
                foreach (var e in timing.Entries)
                    if (e.ClassName == classes[c]) foreach (var lap in e.Laps) if (lap.LapTime > 0) laps.Add(lap.LapTime);
            laps.Sort();
            result[c] = laps.Count > 0 ? laps[laps.Count / 2] : 120;
        }
        return result;
    }
}

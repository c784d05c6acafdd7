using CrewChief.Telemetry;

namespace CrewChief.Demo;

/// <summary>
/// A deterministic simulated GT3 race of 20 cars at Lime Rock Park, stepped at 60 Hz. Each <see cref="Step"/>
/// advances every car one tick, runs the player's script (<see cref="DemoTimeline"/>), fills <see cref="Frame"/>
/// exactly as the live reader would decode it, and logs what happened to the player in <see cref="Situations"/>.
/// Single-threaded: the owner (usually <see cref="DemoHost"/>'s thread) is the only caller. Nothing is allocated
/// per tick; only <see cref="BuildSessionInfoYaml"/> allocates, and it is called when <see cref="SessionInfoVersion"/>
/// changes (a few times a race).
/// </summary>
public sealed class DemoRace
{
    public const int TickRate = 60;
    public const double TickSeconds = 1.0 / TickRate;
    /// <summary>Racing cars (car indices 1..20; index 0 is the pace car, as in iRacing).</summary>
    public const int RacingCars = 20;
    public const int PaceCarIdx = 0;
    public const int PlayerIdx = 8;
    /// <summary>The car that spins on lap 1 and gets lapped.</summary>
    public const int BackmarkerIdx = 17;
    public const int CarClassId = 4074;
    public const string CarClassShortName = "GT3 Class";
    public const float TankLitres = 100f;
    /// <summary>Tread left on the player's used starting set (the crew's worst reading, an inside-left edge, shows ~77 % worn).</summary>
    public const float PlayerStartWear = 0.30f;
    /// <summary>A hot July afternoon at Lakeville: a track this hot takes tyres pushed in a battle past their window.</summary>
    public const float AirTempC = 33.0f;
    public const float TrackTempC = 54.0f;

    private const float Dt = (float)TickSeconds;
    internal const int PlayerGridSlot = 7;
    internal const float GridFrontM = 250f, GridGapM = 14f;
    private const float ParadeSpeed = 30f;
    private const float RefuelLitresPerSecond = 2.6f;
    private const double GetInCarEnd = 4, WarmupEnd = 7, CoolDownSeconds = 6, MaxCheckeredSeconds = 25;
    private const int SituationCapacity = 2048;

    private readonly DemoTrack _track = DemoTrack.LimeRock;
    private readonly DemoCar[] _cars = new DemoCar[RacingCars + 1];
    /// <summary>Racing car indices in race order (position 1 first).</summary>
    private readonly int[] _order = new int[RacingCars];
    private readonly int[] _lapsDown = new int[RacingCars + 1];
    private readonly DemoSituation[] _situations = new DemoSituation[SituationCapacity];
    /// <summary>What the YAML shows, captured at each <see cref="BumpSessionInfo"/>: like iRacing's, the results
    /// change only when sessionInfoUpdate does, however the race moves in between.</summary>
    private readonly int[] _resultsOrder = new int[RacingCars];
    private readonly int[] _resultsLaps = new int[RacingCars + 1];
    private readonly float[] _resultsBest = new float[RacingCars + 1];
    private readonly float[] _resultsLast = new float[RacingCars + 1];
    private readonly DemoPlayerScript _script;
    private DemoRandom _random;
    private int _situationCount;
    private double _t;
    private int _tick;
    private SessionState _state = SessionState.GetInCar;
    private double _greenTime = -1, _leaderFinishTime = -1, _coolDownTime = -1;
    private int _finishCount;
    private bool _whiteShown;

    public DemoRace(DemoOptions? options = null)
    {
        Options = options ?? new DemoOptions();
        Options.Validate();
        RaceLaps = Options.RaceLaps;
        Timeline = new DemoTimeline(RaceLaps);
        _random = new DemoRandom((ulong)Options.Seed * 0x2545F4914F6CDD1DUL + 17);
        DemoField.Create(_cars, _order, ref _random, _track, Timeline);
        _script = new DemoPlayerScript(this, Timeline, _track);
        Frame.PlayerCarIdx = PlayerIdx;
        Frame.Available = (TelemetryChannels)0xFFFF;   // the demo publishes every group
        BumpSessionInfo();
    }

    public DemoOptions Options { get; }
    public DemoTrack Track => _track;
    public DemoTimeline Timeline { get; }
    public int RaceLaps { get; }
    /// <summary>The frame filled by the last <see cref="Step"/>: what a live reader must decode from the map.
    /// <see cref="DemoHost"/> sets its TickCount and SessionInfoUpdate to the map's after writing it.</summary>
    public TelemetryFrame Frame { get; } = new();
    public double SessionTime => _t;
    public int SessionTick => _tick;
    public SessionState State => _state;
    /// <summary>True once the cool-down is over: the race has nothing more to say.</summary>
    public bool IsFinished { get; private set; }
    /// <summary>Bumped whenever the session-info YAML would change (state changes, leader laps, pit stops).</summary>
    public int SessionInfoVersion { get; private set; }
    /// <summary>Cars by car index; slot 0 is the pace car.</summary>
    public ReadOnlySpan<DemoCar> Cars => _cars;
    public DemoCar Player => _cars[PlayerIdx];
    public ReadOnlySpan<DemoSituation> Situations => _situations.AsSpan(0, _situationCount);
    public int SituationCount => _situationCount;
    internal double GreenTime => _greenTime;
    internal DemoPlayerScript Script => _script;
    /// <summary>The race session's time limit (SessionTime in the YAML): generous, the race ends on laps.</summary>
    public double SessionTimeLimit => Options.Minutes * 120;
    internal bool LeaderFinished => _leaderFinishTime >= 0;
    /// <summary>The series' fuel restriction as a fraction of the tank (DriverCarMaxFuelPct).</summary>
    public float MaxFuelPct => Player.MaxFuel / TankLitres;

    /// <summary>Session-info YAML in iRacing's layout for the race as it stands now (allocates; off the tick path).</summary>
    public string BuildSessionInfoYaml() => DemoSessionYaml.Build(this);

    /// <summary>Advances the race by one 1/60 s tick and refreshes <see cref="Frame"/>.</summary>
    public void Step()
    {
        if (IsFinished) return;
        _tick++;
        _t = _tick * TickSeconds;   // not accumulated: 50,000 additions of 1/60 drift
        UpdateSessionState();
        switch (_state)
        {
            case SessionState.GetInCar:
            case SessionState.Warmup:
                break;
            case SessionState.ParadeLaps:
                MoveParade();
                break;
            default:
                MoveRace();
                break;
        }
        UpdateOrder();
        _script.AfterMove(_t);
        DemoFrameWriter.Fill(this, Frame, _order, _t, _tick);
        _script.Detect(_t, Frame);
    }

    private void UpdateSessionState()
    {
        SessionState next = _state;
        if (_t < GetInCarEnd) next = SessionState.GetInCar;
        else if (_t < WarmupEnd) next = SessionState.Warmup;
        else if (_greenTime < 0) next = SessionState.ParadeLaps;
        else if (_leaderFinishTime < 0) next = SessionState.Racing;
        else if (_coolDownTime < 0)
        {
            next = SessionState.Checkered;
            bool allIn = true;
            for (int i = 1; i <= RacingCars; i++) if (_cars[i].State != DemoCarState.Finished) allIn = false;
            if (Player.State == DemoCarState.Finished && (allIn || _t - _leaderFinishTime > MaxCheckeredSeconds))
            {
                _coolDownTime = _t;
                next = SessionState.CoolDown;
            }
        }
        else
        {
            next = SessionState.CoolDown;
            if (_t - _coolDownTime >= CoolDownSeconds) IsFinished = true;
        }
        if (next != _state)
        {
            _state = next;
            BumpSessionInfo();
            Log(DemoSituationKind.SessionState, (int)next);
        }
    }

    private void MoveParade()
    {
        for (int i = 0; i <= RacingCars; i++)
        {
            var car = _cars[i];
            if (i == PaceCarIdx && car.State == DemoCarState.Off) continue;
            car.PrevSpeed = car.Speed;
            car.Speed = MathF.Min(ParadeSpeed, car.Speed + 3f * Dt);
            car.Dist += car.Speed * Dt;
            if (i != PaceCarIdx) BurnAndHeat(car, car.Speed * Dt, 0.4f, 50f);
        }
        var pace = _cars[PaceCarIdx];
        if (pace.State == DemoCarState.Grid && pace.Dist >= -(1 - _track.PitEntryPct) * _track.LengthM)
        {
            pace.State = DemoCarState.PitLane;
            pace.StateUntil = _t + 6;
        }
        if (pace.State == DemoCarState.PitLane && _t >= pace.StateUntil) pace.State = DemoCarState.Off;

        if (_cars[_order[0]].Dist >= 0)
        {
            _greenTime = _t;
            for (int i = 1; i <= RacingCars; i++)
            {
                var car = _cars[i];
                car.State = DemoCarState.Racing;
                car.LapBase = car.BasePace + 0.6f;       // cold tyres, full tanks
                car.LapTarget = car.LapBase;
                car.Offset = car.Speed - RefSpeed(car);
                if (car.Dist >= 0) car.LapStartTime = _t; // the leader is already over the line
            }
            Log(DemoSituationKind.GreenFlag, 0);
        }
    }

    private float RefSpeed(DemoCar car) => _track.ReferenceSpeedAt(Pct(car.Dist)) * (_track.ReferenceLapTime / car.LapTarget) * car.PaceFactor;

    internal float Pct(double dist)
    {
        double laps = dist / _track.LengthM;
        return (float)(laps - Math.Floor(laps));
    }

    private void MoveRace()
    {
        float length = _track.LengthM;
        for (int i = 1; i <= RacingCars; i++)
        {
            var car = _cars[i];
            car.PrevSpeed = car.Speed;
            double before = car.Dist;
            switch (car.State)
            {
                case DemoCarState.Racing:
                case DemoCarState.Finished:
                    DriveOnTrack(car);
                    break;
                case DemoCarState.Off:
                    car.Speed = MathF.Max(car.Speed - 15f * Dt, car.CarIdx == PlayerIdx ? 9f : 0f);
                    if (_t >= car.StateUntil)
                    {
                        car.State = DemoCarState.Racing;
                        car.Offset = car.Speed - RefSpeed(car);
                    }
                    break;
                case DemoCarState.PitLane:
                    DriveInPitLane(car);
                    break;
                case DemoCarState.PitStall:
                    car.Speed = 0;
                    ServiceInStall(car);
                    break;
            }
            car.Dist += car.Speed * Dt;
            BurnAndHeat(car, (float)(car.Dist - before), 1f, car.OnPitRoad ? 70f : 88f);

            int lapBefore = (int)Math.Floor(before / length), lapAfter = (int)Math.Floor(car.Dist / length);
            if (lapAfter > lapBefore) CrossLine(car, lapAfter);

            if (car.State == DemoCarState.Racing)
            {
                float pct = Pct(car.Dist), prevPct = Pct(before);
                if (prevPct < _track.PitEntryPct && pct >= _track.PitEntryPct && ShouldPit(car)) EnterPitLane(car);
            }
        }
    }

    private void DriveOnTrack(DemoCar car)
    {
        // Ease into a new lap time (a new lap's draw, a scripted bias) rather than jump: a step in the target is a
        // step in speed, which would show as an impossible spike in LongAccel.
        float target = car.LapBase + car.Bias;
        car.LapTarget += Math.Clamp(target - car.LapTarget, -0.5f * Dt, 0.5f * Dt);
        float pct = Pct(car.Dist);
        float profile = _track.ReferenceSpeedAt(pct) * (_track.ReferenceLapTime / car.LapTarget) * car.PaceFactor;
        if (car.State == DemoCarState.Finished) profile *= 0.7f;
        car.OffsetTarget = car.State == DemoCarState.Racing ? FollowOrPass(car, profile, pct) : 0f;
        float rate = car.OffsetTarget < car.Offset ? 12f : 4f;
        car.Offset += Math.Clamp(car.OffsetTarget - car.Offset, -rate * Dt, rate * Dt);
        car.Speed = MathF.Max(3f, profile + car.Offset);
    }

    /// <summary>Queues a car behind a slower one until a straight (or a lapped car) lets it by.</summary>
    private float FollowOrPass(DemoCar car, float profile, float pct)
    {
        float length = _track.LengthM;
        if (car.Passing >= 0)
        {
            var passed = _cars[car.Passing];
            double lead = car.Dist - passed.Dist;
            lead -= Math.Round(lead / length) * length;
            if (lead > 9 || passed.State != DemoCarState.Racing) { car.Passing = -1; car.FollowSeconds = 0; }
            else return 2.5f;
        }
        DemoCar? ahead = null;
        double gap = double.MaxValue;
        for (int j = 1; j <= RacingCars; j++)
        {
            var other = _cars[j];
            if (j == car.CarIdx || other.State is not (DemoCarState.Racing or DemoCarState.Off)) continue;
            double g = other.Dist - car.Dist;
            g -= Math.Floor(g / length) * length;
            if (g > 0.5 && g < gap) { gap = g; ahead = other; }
        }
        if (ahead is null || gap > 40) { car.FollowSeconds = 0; return 0f; }
        if (gap > 25 || profile < ahead.Speed - 0.3f) return 0f;
        bool lapped = ahead.Dist < car.Dist - length / 2 || ahead.State == DemoCarState.Off;
        // A car limping on a puncture is slower than its lap target says.
        bool faster = car.LapTarget / car.PaceFactor < ahead.LapTarget / ahead.PaceFactor - 0.15f;
        bool mayPass = _script.MayPass(car);
        if (lapped || (mayPass && faster && car.FollowSeconds > 1.5f && _track.IsPassingZone(pct)))
        {
            car.Passing = ahead.CarIdx;
            return 2.5f;
        }
        car.FollowSeconds += Dt;
        // Hold a speed-dependent gap (~0.25 s plus a car length) but never run more than a touch slower than the car
        // ahead: a follower that opens the gap by braking harder amplifies every lift down a queue until it stops.
        float wantGap = 6f + 0.25f * ahead.Speed;
        float desired = ahead.Speed + 0.5f * (float)(gap - wantGap);
        desired = MathF.Max(desired, ahead.Speed - 0.5f);
        return MathF.Min(0f, desired - profile);
    }

    private bool ShouldPit(DemoCar car)
    {
        if (_leaderFinishTime >= 0) return false;
        if (car.CarIdx == PlayerIdx) return (car.LapCompleted + 1 == Timeline.PitLap && car.Stops == 0) || _script.NeedsTyreStop(car);
        float lapsLeft = RaceLaps - (car.LapCompleted + _track.PitEntryPct);
        float lapsOfFuel = car.Fuel / car.FuelPerLap;
        return lapsOfFuel < lapsLeft && lapsOfFuel < 1.35f;
    }

    private void EnterPitLane(DemoCar car)
    {
        float length = _track.LengthM;
        double lapStart = Math.Floor(car.Dist / length) * length;
        car.State = DemoCarState.PitLane;
        car.WantsPit = true;
        car.PitStallDist = lapStart + length + _track.PitStallPct * length;
        car.PitExitDist = lapStart + length + _track.PitExitPct * length;
        car.Passing = -1;
        float lapsAfter = RaceLaps - (car.LapCompleted + 1) + 0.8f;
        float fuelTo = MathF.Min(car.MaxFuel, car.FuelPerLap * lapsAfter);
        car.FuelTarget = MathF.Max(car.Fuel, _script.FuelToFill(car, fuelTo));
        car.PitServiceSeconds = MathF.Max((car.FuelTarget - car.Fuel) / RefuelLitresPerSecond, 14f) + _random.Range(0.2f, 1.4f);
        _script.OnPitEntry(car, _t);
    }

    private void DriveInPitLane(DemoCar car)
    {
        float limit = _script.PitLaneSpeed(car, _track.PitLimitMps, _t);
        float target = limit;
        if (car.WantsPit)
        {
            double toStall = car.PitStallDist - car.Dist;
            target = MathF.Min(limit, MathF.Sqrt(MathF.Max(0f, 2f * 8f * (float)toStall)));
            if (toStall <= 0.05)
            {
                car.Dist = car.PitStallDist;
                car.Speed = 0;
                car.State = DemoCarState.PitStall;
                car.StateUntil = _t + car.PitServiceSeconds;
                _script.OnPitStall(car, _t);
                BumpSessionInfo();
                return;
            }
        }
        float step = (target > car.Speed ? 5f : 8f) * Dt;
        car.Speed += Math.Clamp(target - car.Speed, -step, step);
        if (!car.WantsPit && car.Dist >= car.PitExitDist)
        {
            car.State = car.FinishOrder > 0 ? DemoCarState.Finished : DemoCarState.Racing;
            car.LapTarget = car.LapBase + car.Bias;
            car.Offset = car.Speed - RefSpeed(car);
            _script.OnPitExit(car, _t);
        }
    }

    private void ServiceInStall(DemoCar car)
    {
        car.Fuel = MathF.Min(car.FuelTarget, car.Fuel + RefuelLitresPerSecond * Dt);
        if (_t < car.StateUntil) return;
        car.Fuel = car.FuelTarget;
        car.Wear = 1f;
        car.StintStartWear = 1f;
        car.TyreTemp = 45f;
        car.Stops++;
        car.WantsPit = false;
        _script.OnServiceDone(car);
        car.State = DemoCarState.PitLane;
    }

    private void BurnAndHeat(DemoCar car, float metres, float burnFactor, float tyreTarget)
    {
        float laps = metres / _track.LengthM;
        car.Fuel = MathF.Max(0f, car.Fuel - car.FuelPerLap * laps * burnFactor);
        // A set that started the stint used (heat-cycled, thin tread) goes off faster than a new one.
        float rate = car.StintStartWear < 1f ? 1.6f : 1f;
        car.Wear = MathF.Max(0f, car.Wear - 0.011f * rate * laps);
        car.TyreTemp += (tyreTarget - car.TyreTemp) * (Dt / 45f);
    }

    private void CrossLine(DemoCar car, int lapIndex)
    {
        if (lapIndex == 0)
        {
            car.LapStartTime = _t;
            car.LapBase = car.BasePace + 0.6f;
            return;
        }
        float lapTime = (float)(_t - car.LapStartTime);
        car.LapStartTime = _t;
        car.LapCompleted = lapIndex;
        car.LastLap = lapTime;
        bool pb = car.BestLap < 0 || lapTime < car.BestLap;
        float previousBest = car.BestLap;
        if (pb) car.BestLap = lapTime;
        car.LapBase = NextLapBase(car);
        if (car.CarIdx == PlayerIdx) _script.OnPlayerLap(lapTime, previousBest, _t);

        if (_leaderFinishTime < 0 && lapIndex >= RaceLaps)
        {
            _leaderFinishTime = _t;
            BumpSessionInfo();
        }
        else if (_leaderFinishTime < 0 && lapIndex == RaceLaps - 1 && !_whiteShown)
        {
            _whiteShown = true;
        }
        if (_leaderFinishTime >= 0 && car.FinishOrder == 0)
        {
            car.FinishOrder = ++_finishCount;
            if (car.State == DemoCarState.Racing) car.State = DemoCarState.Finished;
        }
        if (car.CarIdx == _order[0]) BumpSessionInfo();
    }

    private float NextLapBase(DemoCar car)
    {
        float cold = MathF.Max(0f, (80f - car.TyreTemp) / 50f) * 1.2f;
        // Tread lost this stint costs a lot (the set goes off); a set that started the stint used is a steady bit slower.
        float worn = (car.StintStartWear - car.Wear) * 20f + (1f - car.StintStartWear) * 0.5f;
        float lap = car.BasePace + _random.NextGaussian() * car.Consistency + worn + car.Fuel * 0.03f + cold;
        return _script.AdjustLapBase(car, lap);
    }

    internal bool WhiteShown => _whiteShown;

    private void UpdateOrder()
    {
        for (int a = 1; a < RacingCars; a++)
        {
            int x = _order[a];
            double key = OrderKey(_cars[x]);
            int b = a - 1;
            while (b >= 0 && OrderKey(_cars[_order[b]]) < key) { _order[b + 1] = _order[b]; b--; }
            _order[b + 1] = x;
        }
        for (int p = 0; p < RacingCars; p++) _cars[_order[p]].Position = p + 1;
    }

    /// <summary>A car that has taken the chequered flag ranks by the distance it finished at (then the order it
    /// finished in): a lapped finisher stays behind the lead-lap cars still running to the line.</summary>
    private double OrderKey(DemoCar car) =>
        car.FinishOrder > 0 ? car.LapCompleted * (double)_track.LengthM - 1e-3 * car.FinishOrder : car.Dist;

    internal void Log(DemoSituationKind kind, int value, int other = -1)
    {
        if (_situationCount == _situations.Length) return;
        var player = _cars[PlayerIdx];
        int lap = player.Dist >= 0 && _greenTime >= 0 ? (int)Math.Floor(player.Dist / _track.LengthM) + 1 : 0;
        _situations[_situationCount++] = new DemoSituation(kind, _t, lap, value, other);
    }

    /// <summary>Marks the session info changed and snapshots what it shows (no allocation: the YAML is built later).</summary>
    internal void BumpSessionInfo()
    {
        SessionInfoVersion++;
        _order.AsSpan().CopyTo(_resultsOrder);
        for (int i = 1; i <= RacingCars; i++)
        {
            _resultsLaps[i] = _cars[i].LapCompleted;
            _resultsBest[i] = _cars[i].BestLap;
            _resultsLast[i] = _cars[i].LastLap;
        }
        ResultsIncidents = _script.Incidents;
        ResultsShown = _greenTime >= 0;
    }

    internal int ResultsOrderAt(int position0) => _resultsOrder[position0];
    internal int ResultsLaps(int carIdx) => _resultsLaps[carIdx];
    internal float ResultsBestLap(int carIdx) => _resultsBest[carIdx];
    internal float ResultsLastLap(int carIdx) => _resultsLast[carIdx];
    internal int ResultsIncidents { get; private set; }
    internal bool ResultsShown { get; private set; }

    internal int LapsDown(int carIdx) => _lapsDown[carIdx];
    internal void SetLapsDown(int carIdx, int value) => _lapsDown[carIdx] = value;
    internal DemoCar Car(int carIdx) => _cars[carIdx];
    internal int OrderAt(int position0) => _order[position0];
}

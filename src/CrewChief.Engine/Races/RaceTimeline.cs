namespace CrewChief.Races;

/// <summary>
/// The whole field at any race time, rebuilt from the timing: where each car is on the lap, whether it is in the
/// pit lane or its box, laps completed, last and best lap, the official order and the flag. Time only moves
/// forward (each car keeps a cursor), so one <see cref="Advance"/> costs a few operations per car and allocates
/// nothing.
/// <para>
/// The order is the official one, as timing and iRacing's CarIdxPosition score it: laps completed, then who
/// crossed the line first; it changes only at line crossings. Before anyone crosses, it is the grid.
/// </para>
/// </summary>
public sealed class RaceTimeline
{
    private readonly RaceTiming _timing;
    private readonly CarPath[] _paths;
    private readonly int[] _knot, _lap, _visit;
    private readonly int[] _gridOrder;
    /// <summary>Race time of the first crossing of each lap number (index = lap number), for the gap to the leader.</summary>
    private readonly double[] _leaderCrossing;
    private readonly (double Time, RaceFlag Flag)[] _flagChanges;
    private int _flagCursor;
    private readonly int[] _classOf;
    private readonly int[] _order;
    private readonly int[] _classCount;

    public RaceTimeline(RaceTiming timing)
    {
        _timing = timing;
        int n = timing.Entries.Count;
        var byGrid = new int[n];
        for (int i = 0; i < n; i++) byGrid[i] = i;
        Array.Sort(byGrid, (a, b) => GridKey(timing.Entries[a]).CompareTo(GridKey(timing.Entries[b])));
        _gridOrder = new int[n];
        for (int slot = 0; slot < n; slot++) _gridOrder[byGrid[slot]] = slot;

        _paths = new CarPath[n];
        for (int i = 0; i < n; i++)
            _paths[i] = new CarPath(timing.Entries[i], timing.TrackLengthM, timing.SectorStarts, _gridOrder[i]);
        _knot = new int[n]; _lap = new int[n]; _visit = new int[n];

        Classes = timing.ClassesBySpeed();
        _classOf = new int[n];
        for (int i = 0; i < n; i++) _classOf[i] = Classes.IndexOf(timing.Entries[i].ClassName);
        _classCount = new int[Classes.Count];

        int maxLaps = 0;
        foreach (var e in timing.Entries) maxLaps = Math.Max(maxLaps, e.Laps.Count);
        _leaderCrossing = new double[maxLaps + 2];
        Array.Fill(_leaderCrossing, double.PositiveInfinity);
        var crossings = new List<(double, RaceFlag)>();
        foreach (var e in timing.Entries)
            foreach (var lap in e.Laps)
            {
                if (lap.EndTime < _leaderCrossing[lap.Number]) _leaderCrossing[lap.Number] = lap.EndTime;
                crossings.Add((lap.EndTime, lap.Flag));
            }
        _leaderCrossing[0] = 0;
        crossings.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        // The flag changes when the first car crosses the line under a different one (all the timing knows). The
        // race starts under the flag of its first crossing: a safety-car start shows SF there, not GF.
        var startFlag = crossings.Count > 0 && crossings[0].Item2 != RaceFlag.Finish ? crossings[0].Item2 : RaceFlag.Green;
        var changes = new List<(double, RaceFlag)> { (0, startFlag) };
        foreach (var (t, flag) in crossings) if (flag != changes[^1].Item2) changes.Add((t, flag));
        _flagChanges = [.. changes];

        Progress = new double[n]; InWorld = new bool[n]; OnPitRoad = new bool[n]; InStall = new bool[n];
        LapsCompleted = new int[n]; LastCrossing = new double[n]; LastLapTime = new double[n]; BestLapTime = new double[n];
        Position = new int[n]; ClassPosition = new int[n]; GapToLeader = new double[n];
        _order = new int[n];
        Array.Copy(byGrid, _order, n);
        for (int i = 0; i < n; i++) { LastLapTime[i] = -1; BestLapTime[i] = -1; }
        Time = double.NegativeInfinity;
        FinishTime = double.PositiveInfinity;
        foreach (var e in timing.Entries) if (e.Finished) FinishTime = Math.Min(FinishTime, e.Laps[^1].EndTime);
        Advance(0);
    }

    private static int GridKey(RaceEntry e) => e.GridPosition > 0 ? e.GridPosition : int.MaxValue;

    public RaceTiming Timing => _timing;
    /// <summary>Class names, fastest class first; an entry's class id is its index here + 1.</summary>
    public List<string> Classes { get; }
    public int Count => _paths.Length;
    public double Time { get; private set; }
    /// <summary>Race time the winner took the chequered flag (+∞ if nobody did).</summary>
    public double FinishTime { get; }
    /// <summary>Race time after which nothing moves any more: the last car done or gone.</summary>
    public double EndTime
    {
        get
        {
            double end = 0;
            foreach (var p in _paths) if (double.IsFinite(p.LeavesWorldAt)) end = Math.Max(end, p.LeavesWorldAt);
            return end;
        }
    }

    // Per entry (index into Timing.Entries), as of Time.
    /// <summary>Laps driven since the start as a continuous figure (negative on the grid behind the line).</summary>
    public double[] Progress { get; }
    public bool[] InWorld { get; }
    public bool[] OnPitRoad { get; }
    public bool[] InStall { get; }
    public int[] LapsCompleted { get; }
    /// <summary>Race time of the last line crossing (0 before the first).</summary>
    public double[] LastCrossing { get; }
    /// <summary>The timing's time for the last completed lap, s, or -1.</summary>
    public double[] LastLapTime { get; }
    public double[] BestLapTime { get; }
    /// <summary>Official position, 1-based; 0 for a car that never started.</summary>
    public int[] Position { get; }
    public int[] ClassPosition { get; }
    /// <summary>Race time behind the leader at the last crossing (0 for the leader, the first lap and non-starters).</summary>
    public double[] GapToLeader { get; }
    public RaceFlag Flag { get; private set; }
    /// <summary>Race time the current flag began.</summary>
    public double FlagSince { get; private set; }
    /// <summary>Entry index of the official leader.</summary>
    public int Leader => _order[0];
    public int ClassOf(int entry) => _classOf[entry];
    /// <summary>Entry indexes in official order (leader first).</summary>
    public ReadOnlySpan<int> Order => _order;

    /// <summary>Moves the field to race time <paramref name="t"/> (never backwards).</summary>
    public void Advance(double t)
    {
        if (t < Time) throw new InvalidOperationException("the race timeline only moves forward");
        Time = t;
        while (_flagCursor + 1 < _flagChanges.Length && _flagChanges[_flagCursor + 1].Time <= t) _flagCursor++;
        Flag = _flagChanges[_flagCursor].Flag;
        FlagSince = _flagChanges[_flagCursor].Time;

        for (int i = 0; i < _paths.Length; i++)
        {
            var path = _paths[i];
            var laps = _timing.Entries[i].Laps;
            InWorld[i] = t >= path.EntersWorldAt && t < path.LeavesWorldAt;

            int k = _knot[i];
            var kt = path.KnotTime;
            while (k + 1 < kt.Length && kt[k + 1] <= t) k++;
            _knot[i] = k;
            double p = path.KnotProgress[k];
            if (k + 1 < kt.Length && t > kt[k])
                p += (path.KnotProgress[k + 1] - p) * (t - kt[k]) / (kt[k + 1] - kt[k]);
            Progress[i] = p;

            int done = _lap[i];
            while (done < laps.Count && laps[done].EndTime <= t)
            {
                double lt = laps[done].LapTime;
                LastLapTime[i] = lt;
                if (lt > 0 && (BestLapTime[i] < 0 || lt < BestLapTime[i])) BestLapTime[i] = lt;
                LastCrossing[i] = laps[done].EndTime;
                done++;
            }
            _lap[i] = done;
            LapsCompleted[i] = done;
            GapToLeader[i] = done > 0 ? Math.Max(0, LastCrossing[i] - _leaderCrossing[done]) : 0;

            int v = _visit[i];
            var visits = path.Visits;
            while (v < visits.Length && visits[v].Exit <= t) v++;
            _visit[i] = v;
            bool inLane = v < visits.Length && t >= visits[v].Enter;
            OnPitRoad[i] = inLane && InWorld[i];
            InStall[i] = inLane && t >= visits[v].StallStart && t < visits[v].StallEnd && InWorld[i];
        }
        SortOfficial();
    }

    /// <summary>Insertion sort on (laps completed desc, last crossing asc, grid): the order barely changes from one
    /// call to the next, so this is close to one pass.</summary>
    private void SortOfficial()
    {
        var o = _order;
        for (int a = 1; a < o.Length; a++)
        {
            int x = o[a];
            int b = a - 1;
            while (b >= 0 && Before(x, o[b])) { o[b + 1] = o[b]; b--; }
            o[b + 1] = x;
        }
        Array.Clear(_classCount);
        int pos = 0;
        for (int a = 0; a < o.Length; a++)
        {
            int i = o[a];
            bool started = double.IsFinite(_paths[i].EntersWorldAt);
            Position[i] = started ? ++pos : 0;
            ClassPosition[i] = started ? ++_classCount[_classOf[i]] : 0;
        }
    }

    private bool Before(int x, int y)
    {
        if (LapsCompleted[x] != LapsCompleted[y]) return LapsCompleted[x] > LapsCompleted[y];
        if (LastCrossing[x] != LastCrossing[y]) return LastCrossing[x] < LastCrossing[y];
        return _gridOrder[x] < _gridOrder[y];
    }

    /// <summary>The pit visits of an entry: (enter, exit) race seconds, for summaries and tests.</summary>
    public IEnumerable<(double Enter, double Exit, int InLap, bool Tow)> PitVisits(int entry)
    {
        foreach (var v in _paths[entry].Visits) yield return (v.Enter, v.Exit, v.InLap, v.Tow);
    }

    /// <summary>Race time an entry leaves the world (retired or done), +∞ if it stays.</summary>
    public double LeavesWorldAt(int entry) => _paths[entry].LeavesWorldAt;

    /// <summary>The race's flag changes as the timing shows them: (race time, flag), the first at 0.</summary>
    public ReadOnlySpan<(double Time, RaceFlag Flag)> FlagChanges => _flagChanges;
}

namespace CrewChief.Races;

/// <summary>
/// One car's way through the race, precomputed from its laps: distance (in laps) as a piecewise-linear function
/// of race time, with a knot at every line crossing and every sector split, and its pit-lane visits. Between
/// knots the car moves at the constant speed its sector time implies: the timing says nothing finer.
/// <para>
/// A pit visit: the lap marked B ends at the pit-lane timing line; the car entered the lane <see cref="PitEntryLead"/>
/// before that (an estimate: a typical pit-entry road at pit speed), sits in its box and leaves the lane when
/// <c>PIT_TIME</c> (time in the lane, on the next lap) has run out.
/// </para>
/// <para>
/// A red flag: the lap shown it (<c>RF</c>) ends at the line at a crawl; the field then stands until the restart
/// and the next lap's time carries the stoppage (WEC timing puts it in that lap's first sector, with no pit
/// marks). The car stands just past the line for the stoppage, in the order it arrived, and drives the lap from the
/// restart at the pace of the rest of that lap — not creeping round at a metre a second for half an hour.
/// </para>
/// </summary>
internal sealed class CarPath
{
    /// <summary>Lap distance one grid slot takes at the start (a rolling start's single file, ~12 m per car).</summary>
    private const double GridSlotMetres = 12;
    /// <summary>Pit-lane distance on each side of the timing line (~200 m: a typical pit entry/exit road).</summary>
    private const double PitRoadMetres = 200;
    private const double PitSpeed = 60 / 3.6;
    /// <summary>A car whose last lap ended in the pit lane is pushed into the garage this long after.</summary>
    private const double GarageAfter = 60;
    /// <summary>A finished car drives its cool-down lap at this fraction of racing speed, then leaves the world.</summary>
    private const double CoolDownSeconds = 60;

    public readonly double[] KnotTime;
    public readonly double[] KnotProgress;
    public readonly PitVisit[] Visits;
    /// <summary>Race time from which the car is no longer in the world (retired to the garage, stopped, or done
    /// with its cool-down), or +∞.</summary>
    public readonly double LeavesWorldAt;
    /// <summary>Race time the car appears (0, or +∞ for a car with no laps: it never started).</summary>
    public readonly double EntersWorldAt;
    public readonly double PitEntryLead;

    public CarPath(RaceEntry entry, double trackLengthM, double[] sectorStarts, int gridSlot)
    {
        var laps = entry.Laps;
        var times = new List<double>(laps.Count * 4 + 4);
        var progress = new List<double>(laps.Count * 4 + 4);
        var visits = new List<PitVisit>();
        double pitFrac = Math.Min(0.1, PitRoadMetres / trackLengthM);
        PitEntryLead = PitRoadMetres / PitSpeed;
        if (laps.Count == 0)
        {
            KnotTime = [0]; KnotProgress = [0]; Visits = []; EntersWorldAt = double.PositiveInfinity; LeavesWorldAt = double.PositiveInfinity;
            return;
        }
        EntersWorldAt = 0;
        double usualS3 = UsualLastSector(laps);
        double typicalLap = TypicalLap(laps);
        double start = -gridSlot * GridSlotMetres / trackLengthM;
        Add(times, progress, 0, start);

        double prevEnd = 0;
        for (int k = 0; k < laps.Count; k++)
        {
            var lap = laps[k];
            double lapStartProgress = k;
            double span = lap.EndTime - prevEnd;
            double lapStart = prevEnd;
            if (k > 0 && laps[k - 1].EndsInPit && visits.Count > 0 && !visits[^1].Tow)
            {
                // Out of the pit lane: stationary in the box just past the line, then the exit road at pit speed.
                double lane = lap.PitLaneTime > 0 ? lap.PitLaneTime : Math.Min(60, 0.5 * span);
                double lead = prevEnd - visits[^1].Enter;   // the lane time before the line, as set on the in-lap
                double exit = prevEnd - lead + lane;
                double exitRoad = Math.Min(PitEntryLead, lane / 3);
                if (exit > prevEnd + 1 && exit < lap.EndTime)
                {
                    double boxAt = k + Math.Min(0.002, pitFrac / 4);
                    Add(times, progress, prevEnd + 1, boxAt);
                    Add(times, progress, exit - exitRoad, boxAt);
                    Add(times, progress, exit, k + pitFrac);
                    visits[^1] = visits[^1] with { StallStart = prevEnd + 1, StallEnd = exit - exitRoad, Exit = exit };
                    lapStartProgress = k + pitFrac;
                    span = lap.EndTime - exit;
                    prevEnd = exit;
                }
                else
                {
                    visits[^1] = visits[^1] with { StallStart = prevEnd, StallEnd = prevEnd, Exit = prevEnd + Math.Max(1, Math.Min(lane, span / 2)) };
                }
            }
            if (k > 0 && laps[k - 1].Flag == RaceFlag.Red && !laps[k - 1].EndsInPit && span > StoppageLaps * typicalLap)
            {
                // Standing after the red flag: the rest of the lap is driven at the pace of its last two sectors
                // (the restart behind the safety car); without sectors, at half as slow again as a racing lap.
                double drive = lap.HasSectors && sectorStarts.Length == 3 && sectorStarts[1] is > 0 and < 1
                    ? (lap.S2 + lap.S3) / (1 - sectorStarts[1])
                    : 1.5 * typicalLap;
                double standEnd = lap.EndTime - Math.Min(drive, span / 2);
                double standAt = k + Math.Min(0.002, pitFrac / 4);
                Add(times, progress, lapStart + 1, standAt);
                Add(times, progress, standEnd, standAt);
            }
            if (lap.HasSectors && sectorStarts.Length == 3)
            {
                // Sector splits, scaled so they add up to the time between the crossings. The out-lap's splits are
                // measured too: the stop sits in its first sector, so the car reaches the first split when the
                // timing says, not at an average pace from the pit exit to the line (Add drops a split the lane
                // time already passed).
                double scale = (lap.EndTime - lapStart) / (lap.S1 + lap.S2 + lap.S3);
                if (k + sectorStarts[1] > lapStartProgress) Add(times, progress, lapStart + lap.S1 * scale, k + sectorStarts[1]);
                if (k + sectorStarts[2] > lapStartProgress) Add(times, progress, lapStart + (lap.S1 + lap.S2) * scale, k + sectorStarts[2]);
            }
            if ((lap.Marks & LapMarks.Tow) != 0 && span > 20)
            {
                // Towed: the car stops out on the lap, then iRacing puts it in its box (the lap-distance jumps) and it
                // serves the tow time there before it leaves across the line. Where it stopped the lap chart does not
                // say: half-way round, after a third of the lap's time, is the stand-in.
                double stop = prevEnd + span / 3;
                double inBox = stop + Math.Min(10, span / 10);
                double lead = Math.Min(PitEntryLead, span / 10);
                Add(times, progress, stop, k + 0.5);
                Add(times, progress, inBox, k + 0.5);
                Add(times, progress, inBox + 0.05, k + 1 - pitFrac);
                Add(times, progress, lap.EndTime - lead, k + 1 - pitFrac);
                visits.Add(new PitVisit(inBox, inBox, lap.EndTime - lead, lap.EndTime + 1, k + 1, Tow: true));
            }
            else if (lap.EndsInPit)
            {
                // In the lane before the timing line: at pit speed over the entry road.
                double lead = Math.Min(PitEntryLead, 0.25 * (lap.EndTime - times[^1]));
                double nextLane = k + 1 < laps.Count ? laps[k + 1].PitLaneTime : 0;
                if (nextLane > 0) lead = Math.Min(lead, nextLane / 3);
                if (lap.HasSectors && sectorStarts.Length == 3 && usualS3 > 0)
                {
                    // The last sector took only so much longer than the car's usual one: the lane before the line
                    // gets what is left after the road part at the car's usual pace, never more. A lane time
                    // assumed longer than that would have the car drive the rest of the sector faster than it
                    // ever does (at Fuji an in-lap's S3 is often 4 s over the usual, a 200 m lane at pit speed 12 s).
                    double sectorStart = lapStart + (lap.S1 + lap.S2) * (lap.EndTime - lapStart) / (lap.S1 + lap.S2 + lap.S3);
                    double roadShare = (1 - pitFrac - sectorStarts[2]) / (1 - sectorStarts[2]);
                    lead = Math.Min(lead, Math.Max(1, lap.EndTime - sectorStart - usualS3 * roadShare));
                }
                double laneStart = lap.EndTime - lead;
                if (laneStart > times[^1]) Add(times, progress, laneStart, k + 1 - pitFrac);
                visits.Add(new PitVisit(laneStart, lap.EndTime, lap.EndTime, double.PositiveInfinity, k + 1));
            }
            Add(times, progress, lap.EndTime, k + 1);
            prevEnd = lap.EndTime;
        }

        var last = laps[^1];
        double lastLap = last.LapTime > 0 ? last.LapTime : 120;
        if (entry.Finished)
        {
            // The cool-down lap at a gentle pace, then back to the paddock.
            Add(times, progress, last.EndTime + CoolDownSeconds, laps.Count + 0.5 * CoolDownSeconds / lastLap);
            LeavesWorldAt = last.EndTime + CoolDownSeconds;
            if (last.EndsInPit) visits[^1] = visits[^1] with { StallEnd = LeavesWorldAt, Exit = LeavesWorldAt };
        }
        else if (last.EndsInPit || (last.Marks & LapMarks.Tow) != 0)
        {
            // Retired in the pits: in the box, then the garage.
            Add(times, progress, last.EndTime + 1, laps.Count + Math.Min(0.002, pitFrac / 4));
            visits[^1] = visits[^1] with { StallStart = visits[^1].Tow ? visits[^1].StallStart : last.EndTime + 1, StallEnd = last.EndTime + GarageAfter, Exit = last.EndTime + GarageAfter };
            LeavesWorldAt = last.EndTime + GarageAfter;
        }
        else
        {
            // Stopped somewhere on its next lap: the timing only says it never crossed the line again. It runs at its
            // last pace for half a lap and is gone (towed or parked) from then on.
            Add(times, progress, last.EndTime + 0.5 * lastLap, laps.Count + 0.5);
            LeavesWorldAt = last.EndTime + 0.5 * lastLap;
        }
        KnotTime = [.. times];
        KnotProgress = [.. progress];
        Visits = [.. visits];
    }

    /// <summary>The car's median last-sector time on green laps with no pit lane in them, or 0 without any.</summary>
    private static double UsualLastSector(List<TimedLap> laps)
    {
        var s3 = new List<double>(laps.Count);
        foreach (var lap in laps)
            if (lap.HasSectors && lap.Marks == LapMarks.None && lap.PitLaneTime == 0 && lap.Flag == RaceFlag.Green) s3.Add(lap.S3);
        if (s3.Count == 0) return 0;
        s3.Sort();
        return s3[s3.Count / 2];
    }

    /// <summary>A lap this many times the car's typical one, after a red flag, carries a stoppage.</summary>
    private const double StoppageLaps = 3;

    /// <summary>The car's median green-flag lap away from the pits (any lap's, if it has none).</summary>
    private static double TypicalLap(List<TimedLap> laps)
    {
        var clean = new List<double>(laps.Count);
        foreach (var l in laps)
            if (l.Flag == RaceFlag.Green && !l.EndsInPit && l.PitLaneTime == 0 && l.LapTime > 0) clean.Add(l.LapTime);
        if (clean.Count == 0) foreach (var l in laps) if (l.LapTime > 0) clean.Add(l.LapTime);
        if (clean.Count == 0) return 120;
        clean.Sort();
        return clean[clean.Count / 2];
    }

    private static void Add(List<double> times, List<double> progress, double t, double p)
    {
        // Knots strictly increase in time; a split the timing puts on or before the previous knot is dropped.
        if (times.Count > 0 && t <= times[^1]) return;
        if (progress.Count > 0 && p < progress[^1]) p = progress[^1];
        times.Add(t);
        progress.Add(p);
    }
}

/// <summary>One visit to the pit lane, race seconds: entry, box (stationary), leaving the box, exit.</summary>
/// <param name="InLap">The lap number that ended in the pit lane.</param>
/// <param name="Tow">The car was towed into its box, not driven in.</param>
internal readonly record struct PitVisit(double Enter, double StallStart, double StallEnd, double Exit, int InLap, bool Tow = false);

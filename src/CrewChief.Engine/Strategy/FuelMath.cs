namespace CrewChief.Strategy;

/// <summary>The fuel plan for the rest of the race, as of one tick. NaN where it cannot be known yet.</summary>
public readonly record struct FuelPlan(
    double PerLap,
    double LapsOfFuel,
    double FuelToFinish,
    double FuelToAdd,
    int StopsNeeded,
    int WindowOpenLap,
    int WindowCloseLap,
    double SavePerLap)
{
    public static readonly FuelPlan Unknown = new(double.NaN, double.NaN, double.NaN, double.NaN, -1, -1, -1, double.NaN);
    public bool IsKnown => StopsNeeded >= 0;
}

/// <summary>Pure fuel and race-distance arithmetic; every input in laps, litres or seconds.</summary>
public static class FuelMath
{
    /// <summary>
    /// Laps the player still has to drive in a timed race, counted from where they are (fractional). When the
    /// clock runs out the leader finishes the lap they are on; everyone else then finishes the lap they are on,
    /// which is the "extra lap" a naive time/laptime estimate misses.
    /// </summary>
    /// <param name="timeRemaining">Session clock left, s.</param>
    /// <param name="myPct">Player's lap-distance fraction.</param>
    /// <param name="myLapTime">Player's expected lap time, s.</param>
    /// <param name="leaderPct">Leader's lap-distance fraction (the player's own when leading or unknown).</param>
    /// <param name="leaderLapTime">Leader's expected lap time, s.</param>
    /// <param name="leaderLapsAhead">Whole laps the leader is ahead of the player on the road (0 when leading).</param>
    public static double TimedLapsRemaining(double timeRemaining, double myPct, double myLapTime, double leaderPct, double leaderLapTime, int leaderLapsAhead = 0)
    {
        if (!(myLapTime > 0) || !(leaderLapTime > 0) || double.IsNaN(timeRemaining)) return double.NaN;
        double leaderFinish = LeaderFinishTime(Math.Max(0, timeRemaining), leaderPct, leaderLapTime);
        // The player's distance (laps from the start of their current lap) when the leader takes the flag.
        double reach = myPct + leaderFinish / myLapTime;
        double finishAt = Math.Ceiling(reach - 1e-9);
        // A lapped car whose leader is already past the line this lap needs no extra lap beyond its current one.
        if (leaderLapsAhead > 0 && finishAt < 1) finishAt = 1;
        return Math.Max(0, finishAt - myPct);
    }

    /// <summary>
    /// Laps (fractional, from where the player is) until the player's first line crossing after the leader takes the
    /// flag <paramref name="leaderFinish"/> seconds from now, at the player's pace: at least the lap under way.
    /// </summary>
    public static double LapsUntilFlag(double leaderFinish, double myPct, double myLapTime)
    {
        if (!(myLapTime > 0) || double.IsNaN(leaderFinish)) return double.NaN;
        double finishAt = Math.Max(1, Math.Ceiling(myPct + leaderFinish / myLapTime - 1e-9));
        return Math.Max(0, finishAt - myPct);
    }

    /// <summary>Seconds from now until the leader takes the chequered flag in a timed race.</summary>
    public static double LeaderFinishTime(double timeRemaining, double leaderPct, double leaderLapTime)
    {
        double toLine = (1.0 - leaderPct) * leaderLapTime;
        if (timeRemaining <= toLine) return toLine;
        double fullLaps = Math.Ceiling((timeRemaining - toLine) / leaderLapTime - 1e-9);
        return toLine + fullLaps * leaderLapTime;
    }

    /// <summary>Laps left in a lap-limited race, fractional, counted from where the player is.</summary>
    public static double LappedRaceRemaining(int totalLaps, int lapsCompleted, double pct) =>
        totalLaps <= 0 ? double.NaN : Math.Max(0, totalLaps - lapsCompleted - pct);

    /// <summary>Litres needed to reach the flag, plus the reserve kept for the in-lap and the tech check.</summary>
    public static double FuelToFinish(double lapsRemaining, double perLap, double reserve) =>
        lapsRemaining * perLap + reserve;

    /// <summary>Stops still needed: each stop can add at most a tank minus what is left when the car arrives.</summary>
    public static int StopsNeeded(double fuelNow, double fuelToFinish, double tank)
    {
        double shortfall = fuelToFinish - fuelNow;
        if (shortfall <= 0) return 0;
        if (!(tank > 0)) return 1;
        return (int)Math.Ceiling(shortfall / tank - 1e-9);
    }

    /// <summary>
    /// A save target as it is spoken: to 0.01 L, rounded up, since a target is met by saving at least it; rounded to
    /// nearest, a 0.003 L shortfall would be "save 0.00 a lap" while the plan still needs a stop without it.
    /// </summary>
    public static double SpokenSave(double savePerLap) => Math.Ceiling(savePerLap * 100 - 1e-9) / 100;

    /// <summary>
    /// Save needed per lap to finish without stopping (L/lap), 0 when the fuel already reaches the flag, NaN when
    /// the save needed exceeds <paramref name="maxSaveFraction"/> of the lap's use (not realistic: stop instead).
    /// </summary>
    public static double SavePerLap(double fuelNow, double lapsRemaining, double perLap, double reserve, double maxSaveFraction)
    {
        if (!(lapsRemaining > 0) || !(perLap > 0)) return double.NaN;
        double shortfall = FuelToFinish(lapsRemaining, perLap, reserve) - fuelNow;
        if (shortfall <= 0) return 0;
        double save = shortfall / lapsRemaining;
        return save <= perLap * maxSaveFraction ? save : double.NaN;
    }

    /// <summary>
    /// The whole plan. The pit window is for the next stop: it opens on the first lap after which the remaining
    /// stops' tanks cover the rest of the race, and closes on the last lap the fuel on board can complete.
    /// </summary>
    public static FuelPlan Plan(double fuelNow, double perLap, double lapsRemaining, double tank, double reserve,
        int lapsCompleted, double pct, double maxSaveFraction)
    {
        if (!(perLap > 0) || double.IsNaN(lapsRemaining) || double.IsNaN(fuelNow)) return FuelPlan.Unknown with { PerLap = perLap > 0 ? perLap : double.NaN, LapsOfFuel = perLap > 0 ? fuelNow / perLap : double.NaN };
        double lapsOfFuel = fuelNow / perLap;
        double toFinish = FuelToFinish(lapsRemaining, perLap, reserve);
        int stops = StopsNeeded(fuelNow, toFinish, tank);
        double toAdd = Math.Max(0, toFinish - fuelNow);
        if (tank > 0) toAdd = Math.Min(toAdd, Math.Max(0, tank - fuelNow));
        int open = -1, close = -1;
        if (stops > 0)
        {
            double position = lapsCompleted + pct;
            double finish = position + lapsRemaining;
            double usableTank = tank > 0 ? Math.Max(0, tank - reserve) : double.NaN;
            // Stopping at the end of lap L leaves finish - L laps for `stops` tanks (the last one keeps the reserve).
            double earliest = tank > 0 ? finish - usableTank / perLap - (stops - 1) * (tank / perLap) : position;
            open = Math.Max(lapsCompleted + 1, (int)Math.Ceiling(earliest - 1e-9));
            close = lapsCompleted + (int)Math.Floor(pct + lapsOfFuel);
            if (close < lapsCompleted + 1) close = lapsCompleted + 1;
            // Without the tank's size no lap before the last can be shown to reach the flag: the window is its
            // closing lap only (the box call), never a guessed opening.
            if (open > close || !(tank > 0)) open = close;
        }
        double save = stops == 1 ? SavePerLap(fuelNow, lapsRemaining, perLap, reserve, maxSaveFraction) : stops == 0 ? 0 : double.NaN;
        return new FuelPlan(perLap, lapsOfFuel, toFinish, toAdd, stops, open, close, save);
    }
}

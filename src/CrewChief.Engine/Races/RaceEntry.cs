namespace CrewChief.Races;

/// <summary>One car of a timed race: who it is and every lap it completed, in order.</summary>
public sealed class RaceEntry
{
    /// <summary>The car number exactly as the timing writes it, leading zeros kept ("007").</summary>
    public required string Number { get; init; }
    /// <summary>Class as the timing names it ("HYPERCAR", "LMGT3"; "GT4 Class").</summary>
    public required string ClassName { get; init; }
    public string Team { get; init; } = "";
    /// <summary>The driver who started the race.</summary>
    public string Driver { get; init; } = "";
    /// <summary>Driver changes: from this race time on, this driver is in the car (WEC <c>DRIVER_NAME</c> changing
    /// from one lap to the next; the change is put at the end of the lap before, in the pit box).</summary>
    public List<(double From, string Driver)> DriverChanges { get; } = [];
    /// <summary>Manufacturer or car model ("Ferrari", "Ford Mustang GT4").</summary>
    public string Car { get; init; } = "";
    /// <summary>1-based starting position; 0 when the timing has none.</summary>
    public int GridPosition { get; set; }
    /// <summary>Laps in order, Number 1..N without gaps.</summary>
    public List<TimedLap> Laps { get; } = [];
    /// <summary>The official result where the source has one (iRacing results, 1-based); 0 when unknown.</summary>
    public int ResultPosition { get; set; }
    /// <summary>Spells in race seconds when the car was shown a flag of its own: <see cref="LapMarks.BlackFlag"/> or
    /// <see cref="LapMarks.Meatball"/> (iRacing lap events and event-log penalties).</summary>
    public List<(double From, double To, LapMarks Flag)> FlagSpells { get; } = [];
    /// <summary>Took the chequered flag (its last lap was the finish).</summary>
    public bool Finished => Laps.Count > 0 && Laps[^1].Flag == RaceFlag.Finish;
}

namespace CrewChief.Callouts;

/// <summary>How numbers are spoken to the driver.</summary>
public enum Units : byte
{
    Metric = 0,
    Imperial = 1,
}

/// <summary>
/// What the composer knows besides the event: the car, the track, where the player is and who the other cars
/// are. Built once per session (and updated in place for position and lap distance), never per tick.
/// </summary>
public sealed class CalloutContext
{
    public CalloutContext(CarInfo car, TrackInfo track)
    {
        Car = car;
        Track = track;
    }

    public CarInfo Car { get; set; }
    public TrackInfo Track { get; set; }
    /// <summary>The player's class position, 1-based, or 0 when unknown.</summary>
    public int PlayerPosition { get; set; }
    /// <summary>Where the player is on the lap (0..1); picks the next corner to name.</summary>
    public double LapDistPct { get; set; }
    public Units Units { get; set; }
    /// <summary>Names of the other cars by CarIdx, as the session info gives them; never invented.</summary>
    public Dictionary<int, string> CarNames { get; } = [];

    public string? NameOf(int carIdx) => CarNames.TryGetValue(carIdx, out var n) && n.Length > 0 ? n : null;
}

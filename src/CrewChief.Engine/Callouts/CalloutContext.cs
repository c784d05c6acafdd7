using CrewChief.Telemetry;

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

    /// <summary>
    /// The context for a session: the player's car and the layout from the catalogs (unknown ones get no traits
    /// and no corners, so nothing car- or corner-specific is ever said), and every other driver's name by CarIdx.
    /// </summary>
    public static CalloutContext FromSession(SessionInfo session, Units units = Units.Metric)
    {
        var player = session.PlayerDriver;
        CarInfo car = CarCatalog.Default.TryFind(player?.CarScreenName, out var byName) ? byName
            : CarCatalog.Default.TryFind(player?.CarPath, out var byPath) ? byPath
            : CarInfo.Unknown(player?.CarScreenName ?? "");
        bool oval = session.TrackType.Contains("oval", StringComparison.OrdinalIgnoreCase);
        TrackInfo track = TrackCatalog.Default.TryFind(session.TrackName, session.TrackDisplayName, session.TrackConfigName, out var t)
            ? t : TrackInfo.Unknown(session.TrackDisplayName, oval);
        var ctx = new CalloutContext(car, track) { Units = units };
        foreach (var d in session.Drivers)
        {
            if (d.CarIdx != session.PlayerCarIdx && !d.IsPaceCar && !d.IsSpectator && d.UserName.Length > 0) ctx.CarNames[d.CarIdx] = d.UserName;
        }
        return ctx;
    }

    public string? NameOf(int carIdx) => CarNames.TryGetValue(carIdx, out var n) && n.Length > 0 ? n : null;
}

namespace CrewChief.Telemetry;

/// <summary>
/// What the session-info YAML says, reduced to what the engine uses. Parsed off the tick path and only when
/// sessionInfoUpdate changes; the tick path reads it, never writes it.
/// </summary>
public sealed class SessionInfo
{
    public string TrackName { get; set; } = "";          // WeekendInfo.TrackName (internal name, e.g. "spa up")
    public string TrackDisplayName { get; set; } = "";   // WeekendInfo.TrackDisplayName
    public string TrackConfigName { get; set; } = "";    // WeekendInfo.TrackConfigName
    public float TrackLengthKm { get; set; }             // WeekendInfo.TrackLength ("6.93 km")
    public string TrackType { get; set; } = "";          // WeekendInfo.TrackType ("road course", "oval")
    public float TrackTempC { get; set; }
    /// <summary>WeekendInfo.TrackPitSpeedLimit ("80.00 kph") in km/h; 0 when the YAML has none.</summary>
    public float PitSpeedLimitKph { get; set; }
    public float AirTempC { get; set; }
    public int PlayerCarIdx { get; set; } = -1;          // DriverInfo.DriverCarIdx
    public float FuelTankLitres { get; set; }            // DriverInfo.DriverCarFuelMaxLtr × DriverCarMaxFuelPct
    public float DriverCarEstLapTime { get; set; }       // DriverInfo.DriverCarEstLapTime, s
    public int IncidentLimit { get; set; }               // WeekendInfo.WeekendOptions.IncidentLimit (0 = unlimited)
    public List<SessionEntry> Sessions { get; } = [];
    public List<DriverEntry> Drivers { get; } = [];
    /// <summary>Sector start points as lap-distance fractions (SplitTimeInfo.Sectors[].SectorStartPct).</summary>
    public List<float> SectorStarts { get; } = [];

    public DriverEntry? PlayerDriver
    {
        get
        {
            foreach (var d in Drivers) if (d.CarIdx == PlayerCarIdx) return d;
            return null;
        }
    }

    public SessionEntry? Session(int sessionNum)
    {
        foreach (var s in Sessions) if (s.SessionNum == sessionNum) return s;
        return null;
    }
}

/// <summary>One entry of SessionInfo.Sessions.</summary>
public sealed class SessionEntry
{
    public int SessionNum { get; set; }
    public string SessionType { get; set; } = "";        // "Practice", "Qualify", "Race", "Lone Qualify", ...
    public string SessionName { get; set; } = "";
    /// <summary>Lap limit, or 0 for "unlimited".</summary>
    public int Laps { get; set; }
    /// <summary>Time limit in seconds, or 0 for "unlimited".</summary>
    public double TimeSeconds { get; set; }
    public bool IsRace => SessionType.Equals("Race", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One entry of DriverInfo.Drivers.</summary>
public sealed class DriverEntry
{
    public int CarIdx { get; set; }
    public string UserName { get; set; } = "";
    public string CarNumber { get; set; } = "";
    public string CarScreenName { get; set; } = "";       // absent in old files
    public string CarPath { get; set; } = "";
    public int CarClassId { get; set; }
    public string CarClassShortName { get; set; } = "";
    public float CarClassEstLapTime { get; set; }
    public bool IsPaceCar { get; set; }                   // CarIsPaceCar, or CarPath "safety pcporsche911cup" in old files
    public bool IsSpectator { get; set; }
    public string TeamName { get; set; } = "";            // may hold " #": "Team X #37" is one name, not a comment
}

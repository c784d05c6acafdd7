using CrewChief.Telemetry;

namespace CrewChief.Demo;

/// <summary>
/// The session-info YAML of the demo race, in the layout the live map carries: one-space indentation, list items
/// ("- ") at the parent's indentation plus one, quoted car numbers, "x.xx km" / "xx.xx C" / "x.xxxx sec" units,
/// the pace car at CarIdx 0, a "---" header and a "..." trailer (the layout is <see cref="SessionYamlWriter"/>'s).
/// </summary>
internal static class DemoSessionYaml
{
    public static string Build(DemoRace race)
    {
        var track = race.Track;
        var y = new SessionYamlWriter(16 * 1024);
        y.Section("WeekendInfo").Fields(1,
            new("TrackName", track.TrackName),
            new("TrackLength", Num(track.LengthM / 1000.0, "0.00") + " km"),
            new("TrackDisplayName", track.DisplayName),
            new("TrackDisplayShortName", track.DisplayShortName),
            new("TrackConfigName", track.ConfigName),
            new("TrackCity", track.City),
            new("TrackCountry", track.Country),
            new("TrackNumTurns", Num(track.Corners.Length)),
            new("TrackPitSpeedLimit", Num(track.PitLimitMps * 3.6, "0.00") + " kph"),
            new("TrackType", "road course"),
            new("TrackDirection", "neutral"),
            new("TrackSurfaceTemp", Num(DemoRace.TrackTempC, "0.00") + " C"),
            new("TrackAirTemp", Num(DemoRace.AirTempC, "0.00") + " C"),
            new("TrackSkies", "Partly Cloudy"),
            new("EventType", "Race"),
            new("Category", "Road"),
            new("SimMode", "full"),
            new("TeamRacing", "0"),
            new("NumCarClasses", "1"),
            new("NumCarTypes", "6"));
        y.Map(1, "WeekendOptions").Fields(2,
            new("NumStarters", Num(DemoRace.RacingCars)),
            new("StartingGrid", "single file"),
            new("QualifyScoring", "best lap"),
            new("CourseCautions", "local"),
            new("StandingStart", "0"),
            new("ShortParadeLap", "1"),
            new("IncidentLimit", "17"),
            new("FastRepairsLimit", "1"));
        y.Map(1, "TelemetryOptions").Fields(2, new SessionYamlWriter.Field("TelemetryDiskFile", "\"\""));
        y.EndSection();

        y.Section("SessionInfo").Map(1, "Sessions").Item(1,
            new("SessionNum", "0"),
            new("SessionLaps", Num(race.RaceLaps)),
            new("SessionTime", Num(race.SessionTimeLimit, "0.0000") + " sec"),
            new("SessionNumLapsToAvg", "0"),
            new("SessionType", "Race"),
            new("SessionTrackRubberState", "moderate usage"),
            new("SessionName", "RACE"));
        y.Map(3, "ResultsPositions");
        if (race.ResultsShown)
        {
            for (int p = 0; p < DemoRace.RacingCars; p++)
            {
                int idx = race.ResultsOrderAt(p);
                y.Item(3,
                    new("Position", Num(p + 1)),
                    new("ClassPosition", Num(p)),
                    new("CarIdx", Num(idx)),
                    new("Lap", Num(race.ResultsLaps(idx))),
                    new("FastestTime", Num(race.ResultsBestLap(idx), "0.0000")),
                    new("LastTime", Num(race.ResultsLastLap(idx), "0.0000")),
                    new("LapsComplete", Num(race.ResultsLaps(idx))),
                    new("ReasonOutId", "0"),
                    new("ReasonOutStr", "Running"));
            }
        }
        y.Fields(3, new SessionYamlWriter.Field("ResultsOfficial", "0")).EndSection();

        y.Section("DriverInfo").Fields(1,
            new("DriverCarIdx", Num(DemoRace.PlayerIdx)),
            new("DriverUserID", "100008"),
            new("PaceCarIdx", Num(DemoRace.PaceCarIdx)),
            new("DriverCarIdleRPM", "1250.000"),
            new("DriverCarRedLine", "7500.000"),
            new("DriverCarFuelKgPerLtr", "0.750"),
            new("DriverCarFuelMaxLtr", Num(DemoRace.TankLitres, "0.000")),
            new("DriverCarMaxFuelPct", Num(race.MaxFuelPct, "0.000")),
            new("DriverCarGearNumForward", "6"),
            new("DriverCarSLShiftRPM", "7200.000"),
            new("DriverPitTrkPct", Num(track.PitStallPct, "0.000000")),
            new("DriverCarEstLapTime", Num(track.ReferenceLapTime, "0.0000")),
            new("DriverIncidentCount", Num(race.ResultsIncidents)));
        y.Map(1, "Drivers");
        foreach (var car in race.Cars)
        {
            bool pace = car.CarIdx == DemoRace.PaceCarIdx;
            y.Item(1,
                new("CarIdx", Num(car.CarIdx)),
                new("UserName", car.UserName),
                new("UserID", pace ? "-1" : Num(100000 + car.CarIdx)),
                new("TeamName", car.UserName),
                new("CarNumber", "\"" + car.CarNumber + "\""),
                new("CarNumberRaw", car.CarNumber),
                new("CarPath", car.CarPath),
                new("CarClassID", pace ? "11" : Num(DemoRace.CarClassId)),
                new("CarIsPaceCar", pace ? "1" : "0"),
                new("CarIsAI", "0"),
                new("CarScreenName", car.CarScreenName),
                new("CarClassShortName", pace ? "" : DemoRace.CarClassShortName),
                new("CarClassRelSpeed", pace ? "0" : "100"),
                new("CarClassMaxFuelPct", Num(race.MaxFuelPct, "0.000") + " %"),
                new("CarClassEstLapTime", Num(track.ReferenceLapTime, "0.0000")),
                new("IsSpectator", "0"),
                new("CurDriverIncidentCount", car.CarIdx == DemoRace.PlayerIdx ? Num(race.ResultsIncidents) : "0"));
        }
        y.EndSection();

        return y.Sectors(track.SectorStarts).Finish();
    }

    private static string Num(double value, string format) => SessionYamlWriter.Num(value, format);

    private static string Num(int value) => SessionYamlWriter.Num(value);
}

using System.Globalization;
using System.Text;

namespace CrewChief.Demo;

/// <summary>
/// The session-info YAML of the demo race, in the layout the live map carries: one-space indentation, list items
/// ("- ") at the parent's indentation plus one, quoted car numbers, "x.xx km" / "xx.xx C" / "x.xxxx sec" units,
/// the pace car at CarIdx 0, a "---" header and a "..." trailer.
/// </summary>
internal static class DemoSessionYaml
{
    public static string Build(DemoRace race)
    {
        var track = race.Track;
        var sb = new StringBuilder(16 * 1024);
        var inv = CultureInfo.InvariantCulture;
        void Line(string text) => sb.Append(text).Append('\n');
        void Kv(string indent, string key, string value) => sb.Append(indent).Append(key).Append(": ").Append(value).Append('\n');
        string F(double v, string format) => v.ToString(format, inv);

        Line("---");
        Line("WeekendInfo:");
        Kv(" ", "TrackName", track.TrackName);
        Kv(" ", "TrackLength", F(track.LengthM / 1000.0, "0.00") + " km");
        Kv(" ", "TrackDisplayName", track.DisplayName);
        Kv(" ", "TrackDisplayShortName", track.DisplayShortName);
        Kv(" ", "TrackConfigName", track.ConfigName);
        Kv(" ", "TrackCity", track.City);
        Kv(" ", "TrackCountry", track.Country);
        Kv(" ", "TrackNumTurns", track.Corners.Length.ToString(inv));
        Kv(" ", "TrackPitSpeedLimit", F(track.PitLimitMps * 3.6, "0.00") + " kph");
        Kv(" ", "TrackType", "road course");
        Kv(" ", "TrackDirection", "neutral");
        Kv(" ", "TrackSurfaceTemp", F(DemoRace.TrackTempC, "0.00") + " C");
        Kv(" ", "TrackAirTemp", F(DemoRace.AirTempC, "0.00") + " C");
        Kv(" ", "TrackSkies", "Partly Cloudy");
        Kv(" ", "EventType", "Race");
        Kv(" ", "Category", "Road");
        Kv(" ", "SimMode", "full");
        Kv(" ", "TeamRacing", "0");
        Kv(" ", "NumCarClasses", "1");
        Kv(" ", "NumCarTypes", "6");
        Line(" WeekendOptions:");
        Kv("  ", "NumStarters", DemoRace.RacingCars.ToString(inv));
        Kv("  ", "StartingGrid", "single file");
        Kv("  ", "QualifyScoring", "best lap");
        Kv("  ", "CourseCautions", "local");
        Kv("  ", "StandingStart", "0");
        Kv("  ", "ShortParadeLap", "1");
        Kv("  ", "IncidentLimit", "17");
        Kv("  ", "FastRepairsLimit", "1");
        Line(" TelemetryOptions:");
        Kv("  ", "TelemetryDiskFile", "\"\"");
        Line("");

        Line("SessionInfo:");
        Line(" Sessions:");
        Kv(" - ", "SessionNum", "0");
        Kv("   ", "SessionLaps", race.RaceLaps.ToString(inv));
        Kv("   ", "SessionTime", F(race.SessionTimeLimit, "0.0000") + " sec");
        Kv("   ", "SessionNumLapsToAvg", "0");
        Kv("   ", "SessionType", "Race");
        Kv("   ", "SessionTrackRubberState", "moderate usage");
        Kv("   ", "SessionName", "RACE");
        Line("   ResultsPositions:");
        if (race.ResultsShown)
        {
            for (int p = 0; p < DemoRace.RacingCars; p++)
            {
                int idx = race.ResultsOrderAt(p);
                Kv("   - ", "Position", (p + 1).ToString(inv));
                Kv("     ", "ClassPosition", p.ToString(inv));
                Kv("     ", "CarIdx", idx.ToString(inv));
                Kv("     ", "Lap", race.ResultsLaps(idx).ToString(inv));
                Kv("     ", "FastestTime", F(race.ResultsBestLap(idx), "0.0000"));
                Kv("     ", "LastTime", F(race.ResultsLastLap(idx), "0.0000"));
                Kv("     ", "LapsComplete", race.ResultsLaps(idx).ToString(inv));
                Kv("     ", "ReasonOutId", "0");
                Kv("     ", "ReasonOutStr", "Running");
            }
        }
        Kv("   ", "ResultsOfficial", "0");
        Line("");

        Line("DriverInfo:");
        Kv(" ", "DriverCarIdx", DemoRace.PlayerIdx.ToString(inv));
        Kv(" ", "DriverUserID", "100008");
        Kv(" ", "PaceCarIdx", DemoRace.PaceCarIdx.ToString(inv));
        Kv(" ", "DriverCarIdleRPM", "1250.000");
        Kv(" ", "DriverCarRedLine", "7500.000");
        Kv(" ", "DriverCarFuelKgPerLtr", "0.750");
        Kv(" ", "DriverCarFuelMaxLtr", F(DemoRace.TankLitres, "0.000"));
        Kv(" ", "DriverCarMaxFuelPct", F(race.MaxFuelPct, "0.000"));
        Kv(" ", "DriverCarGearNumForward", "6");
        Kv(" ", "DriverCarSLShiftRPM", "7200.000");
        Kv(" ", "DriverPitTrkPct", F(track.PitStallPct, "0.000000"));
        Kv(" ", "DriverCarEstLapTime", F(track.ReferenceLapTime, "0.0000"));
        Kv(" ", "DriverIncidentCount", race.ResultsIncidents.ToString(inv));
        Line(" Drivers:");
        foreach (var car in race.Cars)
        {
            bool pace = car.CarIdx == DemoRace.PaceCarIdx;
            Kv(" - ", "CarIdx", car.CarIdx.ToString(inv));
            Kv("   ", "UserName", car.UserName);
            Kv("   ", "UserID", pace ? "-1" : (100000 + car.CarIdx).ToString(inv));
            Kv("   ", "TeamName", car.UserName);
            Kv("   ", "CarNumber", "\"" + car.CarNumber + "\"");
            Kv("   ", "CarNumberRaw", car.CarNumber);
            Kv("   ", "CarPath", car.CarPath);
            Kv("   ", "CarClassID", pace ? "11" : DemoRace.CarClassId.ToString(inv));
            Kv("   ", "CarIsPaceCar", pace ? "1" : "0");
            Kv("   ", "CarIsAI", "0");
            Kv("   ", "CarScreenName", car.CarScreenName);
            Kv("   ", "CarClassShortName", pace ? "" : DemoRace.CarClassShortName);
            Kv("   ", "CarClassRelSpeed", pace ? "0" : "100");
            Kv("   ", "CarClassMaxFuelPct", F(race.MaxFuelPct, "0.000") + " %");
            Kv("   ", "CarClassEstLapTime", F(track.ReferenceLapTime, "0.0000"));
            Kv("   ", "IsSpectator", "0");
            Kv("   ", "CurDriverIncidentCount", car.CarIdx == DemoRace.PlayerIdx ? race.ResultsIncidents.ToString(inv) : "0");
        }
        Line("");

        Line("SplitTimeInfo:");
        Line(" Sectors:");
        var sectors = track.SectorStarts;
        for (int i = 0; i < sectors.Length; i++)
        {
            Kv(" - ", "SectorNum", i.ToString(inv));
            Kv("   ", "SectorStartPct", F(sectors[i], "0.000000"));
        }
        Line("");
        Line("...");
        return sb.ToString();
    }
}

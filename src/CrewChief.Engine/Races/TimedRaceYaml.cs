using System.Globalization;
using System.Text;
using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>
/// The session-info YAML of a replayed race, in the live map's layout (as <c>DemoSessionYaml</c> writes it):
/// the track and its length, one race session with the time or lap limit, the safety car at CarIdx 0 and every
/// car with its number as the timing writes it (quoted, leading zeros kept), class id, class name, team and the
/// driver in the car now (rewritten at each driver change, as iRacing does in team races). The player's tank is <see cref="SynthesisedPlayer.TankLitres"/>: made up, like its fuel.
/// </summary>
internal static class TimedRaceYaml
{
    public static string Build(TimedRace race)
    {
        var timing = race.Timing;
        var line = race.Timeline;
        var sb = new StringBuilder(32 * 1024);
        var inv = CultureInfo.InvariantCulture;
        void Line(string text) => sb.Append(text).Append('\n');
        void Kv(string indent, string key, string value) => sb.Append(indent).Append(key).Append(": ").Append(value).Append('\n');
        string F(double v, string format) => v.ToString(format, inv);

        Line("---");
        Line("WeekendInfo:");
        Kv(" ", "TrackName", Clean(timing.TrackName));
        Kv(" ", "TrackLength", F(timing.TrackLengthM / 1000.0, "0.00") + " km");
        Kv(" ", "TrackDisplayName", Clean(timing.TrackDisplayName));
        Kv(" ", "TrackConfigName", Clean(timing.TrackConfigName));
        Kv(" ", "TrackType", "road course");
        Kv(" ", "TrackSurfaceTemp", "30.00 C");
        Kv(" ", "TrackAirTemp", "20.00 C");
        Kv(" ", "EventType", "Race");
        Kv(" ", "Category", "Road");
        Kv(" ", "SimMode", "full");
        Kv(" ", "TeamRacing", "1");
        Kv(" ", "NumCarClasses", line.Classes.Count.ToString(inv));
        Line(" WeekendOptions:");
        Kv("  ", "NumStarters", timing.Entries.Count.ToString(inv));
        Kv("  ", "StandingStart", "0");
        Kv("  ", "IncidentLimit", "unlimited");
        Line("");

        Line("SessionInfo:");
        Line(" Sessions:");
        Kv(" - ", "SessionNum", "0");
        Kv("   ", "SessionLaps", timing.LapLimit > 0 ? timing.LapLimit.ToString(inv) : "unlimited");
        Kv("   ", "SessionTime", timing.TimeLimitS > 0 ? F(timing.TimeLimitS, "0.0000") + " sec" : "unlimited");
        Kv("   ", "SessionType", "Race");
        Kv("   ", "SessionName", "RACE");
        Line("");

        Line("DriverInfo:");
        Kv(" ", "DriverCarIdx", race.PlayerCarIdx.ToString(inv));
        Kv(" ", "PaceCarIdx", TimedRace.PaceCarIdx.ToString(inv));
        Kv(" ", "DriverCarFuelMaxLtr", F(SynthesisedPlayer.TankLitres, "0.000"));
        Kv(" ", "DriverCarMaxFuelPct", "1.000");
        Kv(" ", "DriverCarEstLapTime", F(race.ClassReferenceLap(race.PlayerEntry), "0.0000"));
        Line(" Drivers:");
        Kv(" - ", "CarIdx", "0");
        Kv("   ", "UserName", "Safety Car");
        Kv("   ", "TeamName", "Safety Car");
        Kv("   ", "CarNumber", "\"0\"");
        Kv("   ", "CarPath", "safety pcporsche911cup");
        Kv("   ", "CarClassID", TimedRace.PaceCarClassId.ToString(inv));
        Kv("   ", "CarIsPaceCar", "1");
        Kv("   ", "CarScreenName", "safety car");
        Kv("   ", "CarClassShortName", "");
        Kv("   ", "IsSpectator", "0");
        for (int i = 0; i < timing.Entries.Count; i++)
        {
            var e = timing.Entries[i];
            Kv(" - ", "CarIdx", (i + 1).ToString(inv));
            string driver = race.DriverNow(i);
            Kv("   ", "UserName", Clean(driver.Length > 0 ? driver : e.Team));
            Kv("   ", "TeamName", Clean(e.Team.Length > 0 ? e.Team : e.Driver));
            Kv("   ", "CarNumber", "\"" + Clean(e.Number) + "\"");
            Kv("   ", "CarNumberRaw", int.TryParse(e.Number, NumberStyles.None, inv, out int raw) ? raw.ToString(inv) : "0");
            Kv("   ", "CarPath", Clean(e.Car.ToLowerInvariant()));
            Kv("   ", "CarClassID", race.ClassId(i).ToString(inv));
            Kv("   ", "CarIsPaceCar", "0");
            Kv("   ", "CarScreenName", Clean(e.Car));
            Kv("   ", "CarClassShortName", Clean(e.ClassName));
            Kv("   ", "CarClassEstLapTime", F(race.ClassReferenceLap(i), "0.0000"));
            Kv("   ", "IsSpectator", "0");
        }
        Line("");

        Line("SplitTimeInfo:");
        Line(" Sectors:");
        var sectors = timing.SectorStarts.Length > 0 ? timing.SectorStarts : [0.0];
        for (int i = 0; i < sectors.Length; i++)
        {
            Kv(" - ", "SectorNum", i.ToString(inv));
            Kv("   ", "SectorStartPct", F(sectors[i], "0.000000"));
        }
        Line("");
        Line("...");
        return sb.ToString();
    }

    /// <summary>One line of Latin-1 text the live YAML can carry: no line breaks, characters outside
    /// Windows-1252 replaced (the map is 8-bit).</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\n' or '\r' or '\t') sb.Append(' ');
            else if (c < 0x20) continue;
            else sb.Append(c <= 0xFF ? c : '?');
        }
        return sb.ToString().Trim();
    }
}

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
        var y = new SessionYamlWriter(32 * 1024);
        y.Section("WeekendInfo").Fields(1,
            new("TrackName", Clean(timing.TrackName)),
            new("TrackLength", Num(timing.TrackLengthM / 1000.0, "0.00") + " km"),
            new("TrackDisplayName", Clean(timing.TrackDisplayName)),
            new("TrackConfigName", Clean(timing.TrackConfigName)),
            new("TrackType", "road course"),
            new("TrackSurfaceTemp", "30.00 C"),
            new("TrackAirTemp", "20.00 C"),
            new("EventType", "Race"),
            new("Category", "Road"),
            new("SimMode", "full"),
            new("TeamRacing", "1"),
            new("NumCarClasses", Num(race.Timeline.Classes.Count)));
        y.Map(1, "WeekendOptions").Fields(2,
            new("NumStarters", Num(timing.Entries.Count)),
            new("StandingStart", "0"),
            new("IncidentLimit", "unlimited"));
        y.EndSection();

        y.Section("SessionInfo").Map(1, "Sessions").Item(1,
            new("SessionNum", "0"),
            new("SessionLaps", timing.LapLimit > 0 ? Num(timing.LapLimit) : "unlimited"),
            new("SessionTime", timing.TimeLimitS > 0 ? Num(timing.TimeLimitS, "0.0000") + " sec" : "unlimited"),
            new("SessionType", "Race"),
            new("SessionName", "RACE"));
        y.EndSection();

        y.Section("DriverInfo").Fields(1,
            new("DriverCarIdx", Num(race.PlayerCarIdx)),
            new("PaceCarIdx", Num(TimedRace.PaceCarIdx)),
            new("DriverCarFuelMaxLtr", Num(SynthesisedPlayer.TankLitres, "0.000")),
            new("DriverCarMaxFuelPct", "1.000"),
            new("DriverCarEstLapTime", Num(race.ClassReferenceLap(race.PlayerEntry), "0.0000")));
        y.Map(1, "Drivers").Item(1,
            new("CarIdx", "0"),
            new("UserName", "Safety Car"),
            new("TeamName", "Safety Car"),
            new("CarNumber", "\"0\""),
            new("CarPath", "safety pcporsche911cup"),
            new("CarClassID", Num(TimedRace.PaceCarClassId)),
            new("CarIsPaceCar", "1"),
            new("CarScreenName", "safety car"),
            new("CarClassShortName", ""),
            new("IsSpectator", "0"));
        for (int i = 0; i < timing.Entries.Count; i++)
        {
            var e = timing.Entries[i];
            string driver = race.DriverNow(i);
            y.Item(1,
                new("CarIdx", Num(i + 1)),
                new("UserName", Clean(driver.Length > 0 ? driver : e.Team)),
                new("TeamName", Clean(e.Team.Length > 0 ? e.Team : e.Driver)),
                new("CarNumber", "\"" + Clean(e.Number) + "\""),
                new("CarNumberRaw", int.TryParse(e.Number, NumberStyles.None, CultureInfo.InvariantCulture, out int raw) ? Num(raw) : "0"),
                new("CarPath", Clean(e.Car.ToLowerInvariant())),
                new("CarClassID", Num(race.ClassId(i))),
                new("CarIsPaceCar", "0"),
                new("CarScreenName", Clean(e.Car)),
                new("CarClassShortName", Clean(e.ClassName)),
                new("CarClassEstLapTime", Num(race.ClassReferenceLap(i), "0.0000")),
                new("IsSpectator", "0"));
        }
        y.EndSection();

        return y.Sectors(timing.SectorStarts.Length > 0 ? timing.SectorStarts : [0.0]).Finish();
    }

    private static string Num(double value, string format) => SessionYamlWriter.Num(value, format);

    private static string Num(int value) => SessionYamlWriter.Num(value);

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

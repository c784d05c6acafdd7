using System.Globalization;
using System.Text.Json;
using CrewChief.History;

namespace CrewChief.App.Commands;

/// <summary>crewchief history [--car X] [--track Y] [--json] [--history-db PATH]: what the session database knows.</summary>
internal static class HistoryCommand
{
    public const string Usage = """
          history [--car X] [--track Y] [--json] [--history-db PATH]
                               what the session database remembers, per car and track: sessions, clean-lap
                               fuel, best laps, pit-lane loss, tyre measurements, results, and the priors the
                               engineer would start the next session with
        """;

    public static int Run(CommandArgs args) => Run(args, Console.Out);

    public static int Run(CommandArgs args, TextWriter output)
    {
        string? car = args.String("--car");
        string? track = args.String("--track");
        bool json = args.Flag("--json");
        var config = ConfigFlags.Load(args);
        args.ThrowOnUnknown();
        string path = config.HistoryPath ?? Path.Combine(config.LogDir, "history.db");
        if (!File.Exists(path))
        {
            output.WriteLine($"crewchief: no session database at {path} yet; it is written as you drive (run, demo).");
            return json ? 0 : 0;
        }
        SessionDatabase db;
        try
        {
            db = SessionDatabase.Open(path);
        }
        catch (SessionDatabaseException e)
        {
            throw new InputException(e.Message);
        }
        using (db)
        {
            var sessions = db.Sessions(car, track);
            if (json) WriteJson(output, db, sessions);
            else WriteText(output, db, sessions, path);
        }
        return 0;
    }

    private static void WriteText(TextWriter o, SessionDatabase db, List<SessionSummary> sessions, string path)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine($"{path}: {sessions.Count} session(s), schema {db.SchemaVersion}");
        foreach (var group in Groups(sessions))
        {
            o.WriteLine();
            o.WriteLine($"{group.Car} at {group.Track}");
            var p = db.Priors(group.Car, group.Track);
            if (p is not null)
                o.WriteLine(string.Create(c, $"  next session starts with: fuel {F(p.FuelPerLap, "0.00")} l/lap, pit loss {F(p.PitLaneLoss, "0.0")} s, personal best {Lap(p.PersonalBest)} (from {p.Source})"));
            o.WriteLine("  started              type        laps clean  best       fuel/lap  stops loss    finish  inc  tyres");
            foreach (var s in group.Items)
            {
                o.WriteLine(string.Create(c,
                    $"  {s.Started,-20} {Trim(s.SessionType, 11),-11} {s.Laps,4} {s.CleanLaps,5}  {Lap(s.BestLap),-10} {F(s.FuelPerLap, "0.00"),8}  {s.Stops,5} {F(s.PitLoss, "0.0"),-6}  {(s.FinishClassPosition > 0 ? "P" + s.FinishClassPosition : "-"),-6}  {s.Incidents,3}  {s.TyreMeasurements,5}"));
            }
        }
    }

    private static void WriteJson(TextWriter output, SessionDatabase db, List<SessionSummary> sessions)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", db.SchemaVersion);
            w.WriteStartArray("groups");
            foreach (var group in Groups(sessions))
            {
                w.WriteStartObject();
                w.WriteString("car", group.Car);
                w.WriteString("track", group.Track);
                var p = db.Priors(group.Car, group.Track);
                if (p is not null)
                {
                    w.WriteStartObject("priors");
                    Num(w, "fuel_per_lap", p.FuelPerLap);
                    Num(w, "pit_loss_s", p.PitLaneLoss);
                    Num(w, "personal_best_s", p.PersonalBest);
                    w.WriteString("source", p.Source);
                    w.WriteEndObject();
                }
                w.WriteStartArray("sessions");
                foreach (var s in group.Items)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", s.Id);
                    w.WriteString("started", s.Started);
                    w.WriteString("session_type", s.SessionType);
                    w.WriteNumber("laps", s.Laps);
                    w.WriteNumber("clean_laps", s.CleanLaps);
                    Num(w, "best_lap_s", s.BestLap);
                    Num(w, "fuel_per_lap", s.FuelPerLap);
                    w.WriteNumber("stops", s.Stops);
                    Num(w, "pit_loss_s", s.PitLoss);
                    w.WriteNumber("finish_position", s.FinishPosition);
                    w.WriteNumber("finish_class_position", s.FinishClassPosition);
                    w.WriteNumber("incidents", s.Incidents);
                    w.WriteNumber("tyre_measurements", s.TyreMeasurements);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private sealed record Group(string Car, string Track, List<SessionSummary> Items);

    private static List<Group> Groups(List<SessionSummary> sessions)
    {
        var groups = new List<Group>();
        foreach (var s in sessions)
        {
            var g = groups.Find(x => x.Car == s.Car && x.Track == s.Track);
            if (g is null) groups.Add(g = new Group(s.Car, s.Track, []));
            g.Items.Add(s);
        }
        return groups;
    }

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 3));
        else w.WriteNull(name);
    }

    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Lap(double s)
    {
        if (!(s > 0)) return "-";
        int m = (int)(s / 60);
        return string.Create(CultureInfo.InvariantCulture, $"{m}:{s - m * 60:00.000}");
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..n];
}

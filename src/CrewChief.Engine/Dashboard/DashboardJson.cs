using System.Text.Json;
using CrewChief.Pipeline;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Dashboard;

/// <summary>
/// The live page's JSON, written with Utf8JsonWriter (no reflection: AOT-safe). Runs on the page's own thread
/// from the numbers the tick copied into <see cref="DashboardState"/>; NaN is written as null ("not known yet").
/// </summary>
public static class DashboardJson
{
    /// <summary>Cars shown on each side of the player in the relative.</summary>
    public const int RelativeEachSide = 3;

    public static void WriteState(Utf8JsonWriter w, DashboardState d)
    {
        w.WriteStartObject();
        w.WriteNumber("version", d.Version);
        Num(w, "t", d.SessionTime, 1);
        w.WriteString("connection", d.Connection);
        w.WriteBoolean("sim_paused", d.SimPaused);
        w.WriteString("track", d.Track);
        w.WriteString("car", d.Car);
        w.WriteString("session", d.Session);
        w.WriteNumber("lap", d.Lap);
        Num(w, "lap_pct", d.LapPct, 4);
        w.WriteNumber("laps_to_go", d.LapsRemaining);
        w.WriteNumber("class_position", d.Position);
        w.WriteNumber("position", d.OverallPosition);
        w.WriteBoolean("on_pit_road", d.OnPitRoad);
        Num(w, "last_lap", d.LastLap, 3);
        Num(w, "best_lap", d.BestLap, 3);

        w.WriteStartObject("gaps");
        Num(w, "ahead", d.GapAhead, 2);
        Num(w, "behind", d.GapBehind, 2);
        // s/lap: + when the player catches the car ahead, + when the car behind catches the player.
        Num(w, "closing_ahead", d.ClosingAhead, 2);
        Num(w, "closing_behind", d.ClosingBehind, 2);
        w.WriteEndObject();

        WriteRelative(w, d);

        w.WriteStartObject("fuel");
        Num(w, "litres", d.FuelLitres, 2);
        Num(w, "laps_left", d.FuelLapsLeft, 1);
        Num(w, "to_finish", d.FuelToFinish, 1);
        Num(w, "to_add", d.FuelToAdd, 1);
        Num(w, "per_lap", d.FuelPerLap, 3);
        w.WriteNumber("clean_laps", d.FuelCleanLaps);
        w.WriteString("prior", d.PriorSource);
        w.WriteNumber("stops", d.StopsNeeded);
        Num(w, "save_per_lap", d.SavePerLap, 3);
        w.WriteEndObject();

        w.WriteStartObject("pit");
        w.WriteNumber("window_open", d.WindowOpenLap);
        w.WriteNumber("window_close", d.WindowCloseLap);
        w.WriteString("call", CallName(d.PitCall, d.SecondsToCallPoint));
        Num(w, "seconds_to_call", d.SecondsToCallPoint, 1);
        Num(w, "metres_to_call", d.MetresToCallPoint, 0);
        Num(w, "lane_loss", d.PitLaneLoss, 1);
        w.WriteEndObject();

        w.WriteStartObject("tyres");
        w.WriteStartArray("temp_c");
        for (int i = 0; i < 4; i++) NumValue(w, d.TyreTemp[i], 0);
        w.WriteEndArray();
        w.WriteStartArray("worn_pct");
        for (int i = 0; i < 4; i++) NumValue(w, d.TyreWear[i], 1);
        w.WriteEndArray();
        Num(w, "confidence", d.TyreConfidence, 2);
        Num(w, "seconds_since_measured", d.TyreSecondsSinceMeasured, 0);
        w.WriteEndObject();

        w.WriteStartArray("flags");
        WriteFlags(w, (SessionFlags)d.SessionFlags);
        w.WriteEndArray();
        w.WriteNumber("incidents", d.Incidents);
        Num(w, "tick_us", d.TickMicros, 1);
        w.WriteEndObject();
    }

    public static void WriteTranscript(Utf8JsonWriter w, List<TranscriptEntry> entries)
    {
        w.WriteStartArray();
        foreach (var e in entries)
        {
            w.WriteStartObject();
            w.WriteNumber("seq", e.Seq);
            Num(w, "t", e.SessionTime, 1);
            w.WriteString("kind", e.Kind);
            w.WriteString("priority", e.Priority);
            w.WriteString("text", e.Text);
            w.WriteString("source", e.Source);
            w.WriteString("guard", e.Guard);
            w.WriteString("outcome", e.Outcome);
            Num(w, "total_ms", e.TotalMs, 0);
            if (e.LlmNote is not null) w.WriteString("llm_note", e.LlmNote);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// GREEN/AMBER/RED as the pit-call timer says; LATE once the call point is passed for this lap; "" while pit
    /// entry is not known yet (no seconds to count down).
    /// </summary>
    public static string CallName(int state, float seconds) => float.IsNaN(seconds) ? "" : (PitCallState)state switch
    {
        PitCallState.Green => "GREEN",
        PitCallState.Amber => "AMBER",
        PitCallState.Red => "RED",
        _ => "LATE",
    };

    /// <summary>
    /// The cars nearest on the road, ahead and behind, by lap-distance: seconds from the fraction of a lap times the
    /// expected lap time (an estimate, like the sim's own relative), and whether each is a lap up or down.
    /// </summary>
    private static void WriteRelative(Utf8JsonWriter w, DashboardState d)
    {
        w.WriteStartArray("relative");
        int me = d.PlayerCarIdx;
        var info = d.Info;
        if (me < 0 || me >= d.CarPct.Length || d.CarPct[me] < 0) { w.WriteEndArray(); return; }
        Span<int> idx = stackalloc int[TelemetryFrame.MaxCars];
        Span<float> delta = stackalloc float[TelemetryFrame.MaxCars];
        int n = 0;
        float myPct = d.CarPct[me];
        for (int i = 0; i < d.CarPct.Length; i++)
        {
            if (i == me || d.CarPct[i] < 0 || IsExcluded(info, i)) continue;
            float x = d.CarPct[i] - myPct;
            if (x >= 0.5f) x -= 1; else if (x < -0.5f) x += 1;
            idx[n] = i; delta[n] = x; n++;
        }
        // Insertion sort: at most 63 cars, on the page's thread.
        for (int a = 1; a < n; a++)
            for (int b = a; b > 0 && delta[b] > delta[b - 1]; b--)
            {
                (delta[b], delta[b - 1]) = (delta[b - 1], delta[b]);
                (idx[b], idx[b - 1]) = (idx[b - 1], idx[b]);
            }
        int firstBehind = 0;
        while (firstBehind < n && delta[firstBehind] > 0) firstBehind++;
        int from = Math.Max(0, firstBehind - RelativeEachSide), to = Math.Min(n, firstBehind + RelativeEachSide);
        float lapTime = d.RefLapTime > 0 ? d.RefLapTime : float.NaN;
        for (int k = from; k < to; k++)
        {
            if (k == firstBehind) WriteCar(w, info, me, 0, 0, d, true);
            WriteCar(w, info, idx[k], delta[k] * lapTime, LapsApart(d, idx[k], me, delta[k]), d, false);
        }
        if (to == firstBehind) WriteCar(w, info, me, 0, 0, d, true);
        w.WriteEndArray();
    }

    /// <summary>+1 when the car is a lap (or more) ahead in the race, -1 when behind, 0 on the same lap.</summary>
    private static int LapsApart(DashboardState d, int car, int me, float delta)
    {
        double theirs = d.CarLap[car] + (double)d.CarPct[car], mine = d.CarLap[me] + (double)d.CarPct[me];
        double raceDelta = theirs - mine - delta;
        return raceDelta > 0.5 ? 1 : raceDelta < -0.5 ? -1 : 0;
    }

    private static void WriteCar(Utf8JsonWriter w, SessionInfo? info, int car, float seconds, int laps, DashboardState d, bool player)
    {
        var driver = Driver(info, car);
        w.WriteStartObject();
        w.WriteNumber("idx", car);
        w.WriteString("number", driver?.CarNumber ?? "");
        w.WriteString("name", driver?.UserName ?? $"car {car}");
        w.WriteString("class", driver?.CarClassShortName ?? "");
        w.WriteNumber("class_position", d.CarClassPosition[car]);
        Num(w, "gap_s", seconds, 1);
        w.WriteNumber("laps", laps);
        w.WriteBoolean("pit", d.CarOnPit[car]);
        w.WriteBoolean("player", player);
        w.WriteEndObject();
    }

    private static DriverEntry? Driver(SessionInfo? info, int car)
    {
        if (info is null) return null;
        foreach (var d in info.Drivers) if (d.CarIdx == car) return d;
        return null;
    }

    private static bool IsExcluded(SessionInfo? info, int car) => Driver(info, car) is { } d && (d.IsPaceCar || d.IsSpectator);

    private static void WriteFlags(Utf8JsonWriter w, SessionFlags f)
    {
        if ((f & SessionFlags.Checkered) != 0) w.WriteStringValue("chequered");
        if ((f & SessionFlags.White) != 0) w.WriteStringValue("white");
        if ((f & SessionFlags.Green) != 0) w.WriteStringValue("green");
        if ((f & (SessionFlags.Yellow | SessionFlags.YellowWaving | SessionFlags.Caution | SessionFlags.CautionWaving)) != 0) w.WriteStringValue("yellow");
        if ((f & SessionFlags.Red) != 0) w.WriteStringValue("red");
        if ((f & SessionFlags.Blue) != 0) w.WriteStringValue("blue");
        if ((f & SessionFlags.Debris) != 0) w.WriteStringValue("debris");
        if ((f & SessionFlags.Black) != 0) w.WriteStringValue("black");
        if ((f & SessionFlags.Repair) != 0) w.WriteStringValue("meatball");
        if ((f & SessionFlags.Disqualify) != 0) w.WriteStringValue("disqualified");
    }

    private static void Num(Utf8JsonWriter w, string name, double value, int digits)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, digits));
        else w.WriteNull(name);
    }

    private static void NumValue(Utf8JsonWriter w, double value, int digits)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(Math.Round(value, digits));
        else w.WriteNullValue();
    }
}

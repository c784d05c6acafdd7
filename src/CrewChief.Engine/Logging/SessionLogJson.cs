using System.Text.Json;
using CrewChief.Events;

namespace CrewChief.Logging;

/// <summary>The session log's JSON line formats, written with Utf8JsonWriter (no reflection, AOT-safe).</summary>
public static class SessionLogJson
{
    public static void WriteSession(Utf8JsonWriter w, SessionHeader h)
    {
        w.WriteStartObject();
        w.WriteString("type", "session");
        w.WriteString("started", DateTimeOffset.Now);
        w.WriteString("track", h.Track);
        w.WriteString("track_type", h.TrackType);
        w.WriteString("car", h.Car);
        w.WriteString("car_class", h.CarClass);
        w.WriteStartArray("car_traits");
        foreach (var t in h.CarTraits) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteString("session_type", h.SessionType);
        w.WriteEndObject();
    }

    public static void WriteSample(Utf8JsonWriter w, in LogSample s)
    {
        w.WriteStartObject();
        w.WriteString("type", "sample");
        Num(w, "t", s.SessionTime, 3);
        w.WriteNumber("lap", s.Lap);
        Num(w, "lap_pct", s.LapPct, 4);
        w.WriteNumber("position", s.Position);
        Num(w, "fuel_l", s.FuelLitres, 2);
        Num(w, "fuel_laps_remaining", s.FuelLapsRemaining, 2);
        w.WriteStartObject("tire_wear");
        Num(w, "fl", s.WearFl, 1); Num(w, "fr", s.WearFr, 1); Num(w, "rl", s.WearRl, 1); Num(w, "rr", s.WearRr, 1);
        w.WriteEndObject();
        w.WriteStartObject("tire_temps");
        Num(w, "fl", s.TempFl, 1); Num(w, "fr", s.TempFr, 1); Num(w, "rl", s.TempRl, 1); Num(w, "rr", s.TempRr, 1);
        w.WriteEndObject();
        Num(w, "gap_ahead", s.GapAhead, 2);
        Num(w, "gap_behind", s.GapBehind, 2);
        Num(w, "last_lap_time", s.LastLapTime, 3);
        Num(w, "best_lap_time", s.BestLapTime, 3);
        w.WriteNumber("session_laps_remain", s.SessionLapsRemain);
        w.WriteNumber("incident_count", s.IncidentCount);
        Num(w, "track_temp_c", s.TrackTempC, 1);
        Num(w, "speed_kph", s.SpeedKph, 1);
        w.WriteBoolean("on_pit_road", s.OnPitRoad);
        w.WriteEndObject();
    }

    public static void WriteEvent(Utf8JsonWriter w, in RaceEvent e)
    {
        w.WriteStartObject();
        w.WriteString("type", "event");
        Num(w, "t", e.SessionTime, 3);
        w.WriteString("kind", e.Kind.ToString());
        w.WriteString("priority", e.Priority.ToString());
        w.WriteStartObject("facts");
        for (int i = 0; i < e.Facts.Count; i++)
        {
            var f = e.Facts[i];
            Num(w, f.Key.ToString(), f.Value, 4);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteUtterance(Utf8JsonWriter w, UtteranceRecord u)
    {
        w.WriteStartObject();
        w.WriteString("type", "utterance");
        Num(w, "t", u.SessionTime, 3);
        w.WriteString("kind", u.Kind.ToString());
        w.WriteString("priority", u.Priority.ToString());
        w.WriteString("text", u.Text);
        w.WriteString("source", u.Source);
        w.WriteString("guard", u.GuardVerdict);
        w.WriteString("outcome", u.Outcome);
        if (u.LlmNote is { } note) w.WriteString("llm_note", note);
        Num(w, "total_ms", u.TotalMs, 2);
        w.WriteStartObject("stages_ms");
        foreach (var kv in u.StageMs) Num(w, kv.Key, kv.Value, 2);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>"lap", "pit_stop" or "tyre_measured": the facts the review and the database need beyond the samples.</summary>
    public static void WriteRecord(Utf8JsonWriter w, in RaceRecord r)
    {
        w.WriteStartObject();
        w.WriteString("type", r.Type switch { RaceRecordType.Lap => "lap", RaceRecordType.PitStop => "pit_stop", _ => "tyre_measured" });
        w.WriteNumber("t", Math.Round(r.SessionTime, 3));
        w.WriteNumber("lap", r.Lap);
        if (r.Type == RaceRecordType.Lap)
        {
            Num(w, "time_s", r.Duration, 3);
            Num(w, "fuel_used_l", r.FuelUsed, 3);
            Num(w, "fuel_estimate_l", r.FuelEstimate, 3);
            w.WriteNumber("flags", r.Flags);
            w.WriteBoolean("clean", r.IsClean);
        }
        if (r.Type != RaceRecordType.TyreMeasured) Num(w, "pit_loss_s", r.PitLaneLoss, 2);
        if (r.Type == RaceRecordType.PitStop) w.WriteBoolean("under_yellow", (r.Flags & (byte)Strategy.LapFlags.Yellow) != 0);
        w.WriteNumber("position", r.Position);
        w.WriteNumber("class_position", r.ClassPosition);
        w.WriteNumber("incidents", r.Incidents);
        Num(w, "gap_ahead", r.GapAhead, 2);
        Num(w, "gap_behind", r.GapBehind, 2);
        if (r.Type != RaceRecordType.PitStop)
        {
            w.WriteStartObject("tire_wear");
            Num(w, "fl", r.WearFl, 1); Num(w, "fr", r.WearFr, 1); Num(w, "rl", r.WearRl, 1); Num(w, "rr", r.WearRr, 1);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>Writes a rounded number, or null for NaN/∞ (JSON has no NaN).</summary>
    public static void Num(Utf8JsonWriter w, string name, double value, int digits) => JsonNumbers.Write(w, name, value, digits);
}

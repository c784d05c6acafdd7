using System.Text.Json;
using CrewChief.Events;

namespace CrewChief.Races;

/// <summary>
/// The one JSON object `crewchief replay RACE --summary --json` prints: the race, the player's result, the flags
/// as the timing shows them and every event, each with <c>t</c> in race seconds since the start, <c>rivalNumber</c>
/// (the car number as the timing writes it) when the event is about one other car, and <c>synthesised</c> when it
/// rests on channels the timing does not have (see <see cref="SynthesisedFacts"/>).
/// </summary>
public static class RaceReplayJson
{
    public static void Write(Utf8JsonWriter w, string file, IReplayedSession session, RaceReplayResult r)
    {
        var timed = session as TimedRace;
        double t0 = session.RaceStartSessionTime;
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("source", timed?.Timing.SourceKind ?? "live NDJSON");
        if (timed is not null)
        {
            var timing = timed.Timing;
            var player = timed.Player;
            w.WriteString("event", timing.EventName);
            w.WriteString("track", timing.TrackDisplayName);
            w.WriteNumber("track_length_m", timing.TrackLengthM);
            w.WriteString("car_number", player.Number);
            w.WriteString("car", player.Car);
            w.WriteString("class", player.ClassName);
            w.WriteString("team", player.Team);
            w.WriteNumber("cars", timing.Entries.Count);
            w.WriteNumber("time_limit_s", timing.TimeLimitS);
            w.WriteNumber("player_car_idx", timed.PlayerCarIdx);
            w.WriteBoolean("finished", player.Finished);
            w.WriteStartArray("flags");
            foreach (var (time, flag) in timed.Timeline.FlagChanges)
            {
                w.WriteStartObject();
                w.WriteNumber("t", Math.Round(time, 3));
                w.WriteString("flag", FlagName(flag));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("synthesised");
            foreach (string c in SynthesisedFacts.Channels) w.WriteStringValue(c);
            w.WriteEndArray();
        }
        else if (session is NdjsonRecording rec)
        {
            w.WriteString("track", rec.TrackDisplayName);
            w.WriteNumber("player_car_idx", rec.Frame.PlayerCarIdx);
            w.WriteNumber("samples", rec.SampleCount);
            w.WriteNumber("race_start_session_time", Math.Round(t0, 3));
        }
        w.WriteString("session_type", "Race");
        w.WriteNumber("duration_s", Math.Round(r.LastSessionTime - t0, 3));
        w.WriteNumber("laps_completed", r.LapsCompleted);
        w.WriteNumber("finish_position", r.FinishPosition);
        w.WriteNumber("finish_class_position", r.FinishClassPosition);
        w.WriteNumber("pit_road_entries", r.PitRoadEntries);
        w.WriteNumber("ticks", r.Ticks);
        w.WriteNumber("wall_s", Math.Round(r.WallSeconds, 3));
        w.WriteNumber("ticks_per_second", r.WallSeconds > 0 ? Math.Round(r.Ticks / r.WallSeconds) : 0);
        w.WriteNumber("tick_us", double.IsFinite(r.TickMicros) ? Math.Round(r.TickMicros, 3) : 0);
        w.WriteNumber("alloc_bytes_per_tick", double.IsFinite(r.AllocBytesPerTick) ? Math.Round(r.AllocBytesPerTick, 3) : 0);
        w.WriteNumber("callouts", r.Callouts);
        w.WriteBoolean("cancelled", r.Cancelled);

        w.WriteStartArray("events");
        foreach (var e in r.Events) WriteEvent(w, e, t0, timed, session);
        w.WriteEndArray();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in r.Events)
        {
            string k = RaceEventJson.KindName(e.Kind);
            counts[k] = counts.TryGetValue(k, out int n) ? n + 1 : 1;
        }
        w.WriteStartObject("event_counts");
        foreach (var (k, n) in counts) w.WriteNumber(k, n);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter w, in RaceEvent e, double t0, TimedRace? timed, IReplayedSession session)
    {
        w.WriteStartObject();
        w.WriteNumber("t", Math.Round(e.SessionTime - t0, 3));
        w.WriteString("kind", RaceEventJson.KindName(e.Kind));
        w.WriteString("priority", e.Priority.ToString());
        w.WriteNumber("ttl", e.TimeToLive);
        w.WriteStartObject("facts");
        var facts = e.Facts;
        for (int i = 0; i < facts.Count; i++)
        {
            var fact = facts[i];
            if (double.IsFinite(fact.Value)) w.WriteNumber(RaceEventJson.FactName(fact.Key), fact.Value);
            else w.WriteNull(RaceEventJson.FactName(fact.Key));
        }
        w.WriteEndObject();
        if (facts.TryGet(FactKey.CarIdx, out double idx))
        {
            string? number = timed?.CarNumberAt((int)idx) ?? (session as NdjsonRecording)?.CarNumberAt((int)idx);
            if (number is not null) w.WriteString("rivalNumber", number);
        }
        w.WriteBoolean("synthesised", timed is not null && SynthesisedFacts.IsSynthesisedKind(e.Kind));
        if (timed is not null)
        {
            bool open = false;
            for (int i = 0; i < facts.Count; i++)
            {
                if (!SynthesisedFacts.IsSynthesisedKey(facts[i].Key)) continue;
                if (!open) { w.WriteStartArray("synthesisedFacts"); open = true; }
                w.WriteStringValue(RaceEventJson.FactName(facts[i].Key));
            }
            if (open) w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static string FlagName(RaceFlag flag) => flag switch
    {
        RaceFlag.FullCourseYellow => "FCY",
        RaceFlag.SafetyCar => "SF",
        RaceFlag.Red => "RF",
        RaceFlag.Finish => "FF",
        _ => "GF",
    };
}

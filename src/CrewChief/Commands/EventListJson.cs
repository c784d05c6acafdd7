using System.Text.Json;
using CrewChief.Events;

namespace CrewChief.App.Commands;

/// <summary>The `events` array and per-kind counts that replay and demo add to their --json output.</summary>
internal static class EventListJson
{
    public static void Write(Utf8JsonWriter w, List<RaceEvent> events)
    {
        w.WriteStartArray("events");
        foreach (var e in events) RaceEventJson.Write(w, e);
        w.WriteEndArray();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            string k = RaceEventJson.KindName(e.Kind);
            counts[k] = counts.TryGetValue(k, out int n) ? n + 1 : 1;
        }
        w.WriteStartObject("event_counts");
        foreach (var (k, n) in counts) w.WriteNumber(k, n);
        w.WriteEndObject();
    }
}

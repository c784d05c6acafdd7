using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrewChief.Events;

/// <summary>
/// Writes events as JSON objects <c>{"t":…,"kind":"…","priority":"…","ttl":…,"facts":{"camelCaseKey":value}}</c>
/// for replay/demo <c>--json</c> and the session log. Names are encoded once up front, so writing allocates
/// nothing beyond what the writer's buffer needs.
/// </summary>
public static class RaceEventJson
{
    private static readonly JsonEncodedText s_t = JsonEncodedText.Encode("t");
    private static readonly JsonEncodedText s_kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText s_priority = JsonEncodedText.Encode("priority");
    private static readonly JsonEncodedText s_ttl = JsonEncodedText.Encode("ttl");
    private static readonly JsonEncodedText s_facts = JsonEncodedText.Encode("facts");
    private static readonly JsonEncodedText[] s_kinds = Names<EventKind>(camel: false);
    private static readonly JsonEncodedText[] s_priorities = Names<Priority>(camel: false);
    private static readonly JsonEncodedText[] s_factKeys = Names<FactKey>(camel: true);

    /// <summary>The camelCase JSON key of a fact (e.g. FuelLapsLeft → "fuelLapsLeft").</summary>
    public static string FactName(FactKey key) => s_factKeys[(int)key].Value;

    public static string KindName(EventKind kind) => s_kinds[(int)kind].Value;

    public static void Write(Utf8JsonWriter writer, in RaceEvent e)
    {
        writer.WriteStartObject();
        CrewChief.Logging.JsonNumbers.Write(writer, s_t, e.SessionTime, 3);
        writer.WriteString(s_kind, s_kinds[(int)e.Kind]);
        writer.WriteString(s_priority, s_priorities[(int)e.Priority]);
        writer.WriteNumber(s_ttl, e.TimeToLive);
        writer.WriteStartObject(s_facts);
        var facts = e.Facts;
        for (int i = 0; i < facts.Count; i++)
        {
            var fact = facts[i];
            double v = fact.Value;
            // JSON has no NaN or infinity; a fact that is not a number is not a fact.
            CrewChief.Logging.JsonNumbers.Write(writer, s_factKeys[(int)fact.Key], v);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Options for one-object-per-line output (no indentation, ASCII-safe escaping).</summary>
    public static JsonWriterOptions LineOptions => new() { Indented = false, Encoder = JavaScriptEncoder.Default, SkipValidation = false };

    private static JsonEncodedText[] Names<T>(bool camel) where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        int max = 0;
        foreach (var v in values) max = Math.Max(max, Convert.ToInt32(v));
        var names = new JsonEncodedText[max + 1];
        for (int i = 0; i <= max; i++) names[i] = JsonEncodedText.Encode(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var v in values)
        {
            string name = v.ToString();
            if (camel && name.Length > 0) name = char.ToLowerInvariant(name[0]) + name[1..];
            names[Convert.ToInt32(v)] = JsonEncodedText.Encode(name);
        }
        return names;
    }
}

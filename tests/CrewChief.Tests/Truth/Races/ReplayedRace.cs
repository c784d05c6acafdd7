using System.Text.Json;
using CrewChief.App.Commands;

namespace CrewChief.Tests.Truth.Races;

/// <summary>One event of a replayed race as the <c>replay --json</c> contract writes it.</summary>
internal sealed record ReplayedEvent(double T, string Kind, IReadOnlyDictionary<string, double> Facts, string? RivalNumber, bool Synthesised)
{
    public bool Has(string fact) => Facts.ContainsKey(fact);
    public double Fact(string fact) => Facts.TryGetValue(fact, out double v) ? v : double.NaN;
}

/// <summary>
/// A real race replayed through the whole engine from one car's seat, by the command a user runs
/// (<c>crewchief replay FILE --car N --fast --json</c>, in-process), read back from its JSON.
/// </summary>
internal sealed class ReplayedRace
{
    public required string Car { get; init; }
    public required List<ReplayedEvent> Events { get; init; }
    public int FinishPosition { get; init; }
    public int FinishClassPosition { get; init; }
    public double WallSeconds { get; init; }

    public static ReplayedRace Run(string path, string car)
    {
        string map = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crewchief-truth-{Guid.NewGuid():N}.irsdk");
        var output = new StringWriter();
        try
        {
            int code = RaceReplayCommand.Run(new CommandArgs([path, "--car", car, "--fast", "--json", "--map", map]), output);
            Assert.Equal(0, code);
        }
        finally
        {
            File.Delete(map);
        }
        using var doc = JsonDocument.Parse(output.ToString());
        var root = doc.RootElement;
        var events = new List<ReplayedEvent>();
        foreach (var e in root.GetProperty("events").EnumerateArray())
        {
            var facts = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var f in e.GetProperty("facts").EnumerateObject())
                if (f.Value.ValueKind == JsonValueKind.Number) facts[f.Name] = f.Value.GetDouble();
            events.Add(new ReplayedEvent(e.GetProperty("t").GetDouble(), e.GetProperty("kind").GetString()!, facts,
                e.TryGetProperty("rivalNumber", out var rn) ? rn.GetString() : null,
                e.TryGetProperty("synthesised", out var s) && s.ValueKind == JsonValueKind.True));
        }
        return new ReplayedRace
        {
            Car = car,
            Events = events,
            FinishPosition = root.TryGetProperty("finish_position", out var fp) ? fp.GetInt32() : 0,
            FinishClassPosition = root.TryGetProperty("finish_class_position", out var fc) ? fc.GetInt32() : 0,
            WallSeconds = root.TryGetProperty("wall_s", out var w) ? w.GetDouble() : 0,
        };
    }
}

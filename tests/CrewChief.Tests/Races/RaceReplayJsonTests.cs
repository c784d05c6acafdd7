using System.Text.Json;
using CrewChief.Config;
using CrewChief.Races;

namespace CrewChief.Tests.Races;

/// <summary>
/// `replay RACE --car N --fast --summary --json` end to end (host → live map → live reader → engine → JSON): the
/// fields the truth harness reads, on the real iRacing race and a real WEC race.
/// </summary>
public sealed class RaceReplayJsonTests
{
    private static JsonElement Replay(RaceTiming timing, string car, out RaceReplayResult result)
    {
        var race = new TimedRace(timing, car, stepSeconds: 0.25);
        result = RaceReplayRunner.Run(race, new EngineConfig { TextOnly = true, LlmEnabled = false }, new RaceReplayOptions { Speed = 0 });
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) RaceReplayJson.Write(w, "race", race, result);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void Iracing_race_summary_has_the_result_and_events_in_race_seconds()
    {
        var timing = IracingLapChart.Read(SharedData.Require("races/iracing/gt4_nurburgring_lap_chart.json"));
        // Car 21: black-flagged on laps 1-2, served it in the pits, finished 23rd (results: finish_position 22, 0-based).
        var json = Replay(timing, "21", out var result);
        Assert.Equal(23, json.GetProperty("finish_position").GetInt32());
        Assert.Equal(23, json.GetProperty("finish_class_position").GetInt32());
        Assert.Equal("21", json.GetProperty("car_number").GetString());
        Assert.Equal(10, json.GetProperty("laps_completed").GetInt32());
        Assert.Equal(1, json.GetProperty("pit_road_entries").GetInt32());
        Assert.InRange(json.GetProperty("alloc_bytes_per_tick").GetDouble(), 0, 1);
        var events = json.GetProperty("events").EnumerateArray().ToList();
        var start = events.Single(e => e.GetProperty("kind").GetString() == "RaceStart");
        Assert.Equal(0, start.GetProperty("t").GetDouble(), 0.5);
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "BlackFlag");
        foreach (var e in events)
        {
            Assert.True(e.TryGetProperty("synthesised", out _));
            if (e.GetProperty("facts").TryGetProperty("carIdx", out var idx) && idx.GetInt32() >= 1)
                Assert.Equal(timing.Entries[idx.GetInt32() - 1].Number, e.GetProperty("rivalNumber").GetString());
        }
        // Fuel calls are made up here and say so; a pit entry is real but the fuel it quotes is listed as made up.
        Assert.All(events.Where(e => e.GetProperty("kind").GetString()!.StartsWith("Fuel", StringComparison.Ordinal)),
            e => Assert.True(e.GetProperty("synthesised").GetBoolean()));
        var pit = events.Single(e => e.GetProperty("kind").GetString() == "PitEntry");
        Assert.False(pit.GetProperty("synthesised").GetBoolean());
        Assert.Contains("fuelLevel", pit.GetProperty("synthesisedFacts").EnumerateArray().Select(x => x.GetString()));
        Assert.True(result.Ticks > 5000);
    }

    [Fact]
    public void Every_iracing_finisher_is_classified_as_the_results_say()
    {
        var timing = IracingLapChart.Read(SharedData.Require("races/iracing/gt4_nurburgring_lap_chart.json"));
        var line = new RaceTimeline(timing);
        line.Advance(line.EndTime);
        for (int i = 0; i < timing.Entries.Count; i++)
        {
            var e = timing.Entries[i];
            if (e.ResultPosition > 0 && e.Laps.Count > 0) Assert.Equal(e.ResultPosition, line.Position[i]);
        }
        // Two tows (cars 12 and 27) went into the box, and car 21's two pitted laps are one visit across the line.
        Assert.Contains(line.PitVisits(timing.Entries.FindIndex(e => e.Number == "12")), v => v.Tow);
        Assert.Single(line.PitVisits(timing.Entries.FindIndex(e => e.Number == "21")));
    }

    [Fact]
    public void Wec_race_with_leading_zero_numbers_keeps_them()
    {
        var timing = WecTimingFile.Read(SharedData.Require("races/wec/2025_spa_6h.csv"));
        var json = Replay(timing, "007", out _);
        Assert.Equal("007", json.GetProperty("car_number").GetString());
        Assert.Contains(json.GetProperty("flags").EnumerateArray(), f => f.GetProperty("flag").GetString() == "SF");
        var rivals = json.GetProperty("events").EnumerateArray()
            .Where(e => e.TryGetProperty("rivalNumber", out _)).Select(e => e.GetProperty("rivalNumber").GetString()).ToHashSet();
        Assert.NotEmpty(rivals);
        Assert.All(rivals, r => Assert.Contains(timing.Entries, e => e.Number == r));
        // The race ran to the flag: the chequered call comes at the car's last crossing (within the few seconds the
        // emitter may hold an event behind another).
        var last = timing.Find("007")!.Laps[^1];
        var chequered = json.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Chequered");
        Assert.InRange(chequered.GetProperty("t").GetDouble(), last.EndTime, last.EndTime + 5);
    }
}
